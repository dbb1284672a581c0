package io.bazaar.shared.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.bazaar.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void everyCodeIsDocumented_inDocsErrorsMd() throws IOException {
        Path docs = Path.of(TestPostgres.migrationsDir()).getParent().resolve("docs/ERRORS.md");
        String text = Files.readString(docs);
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(text).as("docs/ERRORS.md documents %s", code.code())
                    .contains("| `" + code.code() + "` | " + code.status() + " |");
        }
    }

    @Test
    void codesAreUniqueSnakeCase_andStatusesAreErrors() {
        List<String> codes = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList();
        assertThat(codes).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z][a-z0-9_]*"));
        assertThat(ErrorCode.values()).allSatisfy(c -> assertThat(c.status()).isBetween(400, 599));
    }

    @Test
    void problemCarriesTheCodeAsAUrn() {
        Problem p = Problem.of(ErrorCode.RATE_LIMITED, null, List.of(), "t-1");
        assertThat(p.type()).isEqualTo("urn:problem:bazaar:rate_limited");
        assertThat(p.detail()).isEqualTo(ErrorCode.RATE_LIMITED.title());
        assertThat(p.status()).isEqualTo(429);
    }
}
