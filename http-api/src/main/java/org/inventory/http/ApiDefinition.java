package org.inventory.http;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** Names the generated OpenAPI document (written at compile time from the controllers; served at /openapi.yml). */
@OpenAPIDefinition(info = @Info(title = "inventory-store", version = "v1",
        description = "A Raft-replicated, strongly consistent inventory store: reservations, stock and availability."))
final class ApiDefinition {
    private ApiDefinition() {
    }
}
