package org.inventory.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** {@code GET /openapi.yml}: the OpenAPI document generated from the controllers at build time. */
@Hidden
@Controller
final class OpenApiController {
    static final String RESOURCE = "META-INF/swagger/inventory-store-v1.yml";

    @Get("/openapi.yml")
    @Produces("application/yaml")
    HttpResponse<String> openapi() throws IOException {
        try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ApiException(HttpStatus.NOT_FOUND, "not_found", "this build carries no OpenAPI document");
            }
            return HttpResponse.ok(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
