package org.inventory.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document has every method and path of contract.md §2, and those of §4 built so far (path
 * parameters compared by position).
 */
@MicronautTest
class OpenApiTest {
    @Inject
    @Client("/")
    HttpClient client;

    /** §4's endpoints this build serves. */
    static final Set<String> BUILT_ADDITIONS = Set.of("POST /v1/reservations/batch");

    static Set<String> contractEndpoints() throws Exception {
        Path contract = Path.of("..", "..", "shared", "contract.md");
        Set<String> endpoints = new LinkedHashSet<>();
        Matcher m = Pattern.compile("^\\| `(GET|PUT|POST|DELETE) (/v1/[^` ?]+)").matcher("");
        String section = "";
        for (String line : Files.readAllLines(contract)) {
            if (line.startsWith("## ")) {
                section = line;
            }
            if (m.reset(line).find()) {
                String endpoint = m.group(1) + " " + m.group(2).replaceAll("\\{[^}]+}", "{}");
                if (section.startsWith("## 2.") || BUILT_ADDITIONS.contains(endpoint)) {
                    endpoints.add(endpoint);
                }
            }
        }
        assertThat(endpoints).containsAll(BUILT_ADDITIONS);
        return endpoints;
    }

    @Test
    void everyContractEndpointIsDocumented() throws Exception {
        String yaml = client.toBlocking().retrieve(HttpRequest.GET("/openapi.yml"), String.class);
        Set<String> contract = contractEndpoints();
        assertThat(contract).hasSizeGreaterThan(20);
        String normalized = yaml.replaceAll("\\{[^}]+}", "{}");
        for (String endpoint : contract) {
            String method = endpoint.substring(0, endpoint.indexOf(' ')).toLowerCase();
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            int at = normalized.indexOf("\n  " + path + ":\n");
            assertThat(at).as("%s is in /openapi.yml", path).isNotNegative();
            int next = normalized.indexOf("\n  /", at + 3);
            String block = normalized.substring(at, next < 0 ? normalized.length() : next);
            assertThat(block).as("%s has %s", path, method).contains("\n    " + method + ":");
        }
        assertThat(yaml).doesNotContain("/internal/");
    }
}
