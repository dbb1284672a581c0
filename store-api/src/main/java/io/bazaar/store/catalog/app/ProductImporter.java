package io.bazaar.store.catalog.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.FieldError;
import io.bazaar.store.catalog.app.ProductCommands.PriceDraft;
import io.bazaar.store.catalog.app.ProductCommands.ProductDraft;
import io.bazaar.store.catalog.app.ProductCommands.VariantDraft;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bulk import from JSON lines (one product per line, the same shape as the create endpoint plus
 * {@code category_slugs}) or CSV (one single-variant product per row, see docs/CATALOG.md). The body is
 * read as a stream, a row at a time, and each row commits on its own: a bad row is reported with its
 * line number and nothing else is rejected.
 */
public final class ProductImporter {
    static final int MAX_REPORTED_ERRORS = 1000;
    static final List<String> CSV_COLUMNS = List.of("slug", "title", "description", "brand", "status",
            "category_slugs", "tags", "image_urls", "attributes", "sku", "options", "currency", "amount",
            "compare_at_amount", "weight_grams", "stock_on_hand", "delivery_min_days", "delivery_max_days");

    public enum Format { JSON_LINES, CSV }

    public record RowError(int line, String code, String detail, List<FieldError> errors) {
    }

    public record ImportReport(String format, int rows, int accepted, int rejected, List<UUID> createdIds,
                               List<RowError> errors, boolean errorsTruncated) {
    }

    private final CatalogService catalog;
    private final ObjectMapper mapper;

    public ProductImporter(CatalogService catalog, ObjectMapper mapper) {
        this.catalog = catalog;
        this.mapper = mapper;
    }

    public ImportReport importFrom(InputStream body, Format format, UUID staffId) {
        Tally tally = new Tally();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            if (format == Format.JSON_LINES) {
                readJsonLines(in, tally, staffId);
            } else {
                readCsv(in, tally, staffId);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ImportReport(format == Format.CSV ? "csv" : "jsonl", tally.rows, tally.created.size(),
                tally.rejected, tally.created.size() <= 1000 ? tally.created : tally.created.subList(0, 1000),
                tally.errors, tally.truncated);
    }

    private static final class Tally {
        int rows;
        int rejected;
        final List<UUID> created = new ArrayList<>();
        final List<RowError> errors = new ArrayList<>();
        boolean truncated;

        void reject(RowError e) {
            rejected++;
            if (errors.size() < MAX_REPORTED_ERRORS) {
                errors.add(e);
            } else {
                truncated = true;
            }
        }
    }

    private void readJsonLines(BufferedReader in, Tally tally, UUID staffId) throws IOException {
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            tally.rows++;
            ProductDraft draft;
            try {
                draft = mapper.readValue(line, ProductDraft.class);
            } catch (UnrecognizedPropertyException e) {
                tally.reject(new RowError(number, "unknown_field", "Unknown field '" + e.getPropertyName() + "'",
                        List.of(new FieldError(e.getPropertyName(), "is not a known field"))));
                continue;
            } catch (JsonProcessingException e) {
                tally.reject(new RowError(number, "malformed_json", "The line is not a valid product JSON object: "
                        + e.getOriginalMessage(), List.of()));
                continue;
            }
            create(number, draft, tally, staffId);
        }
    }

    private void create(int line, ProductDraft draft, Tally tally, UUID staffId) {
        if (draft == null) {
            tally.reject(new RowError(line, "validation_failed", "The line is empty JSON", List.of()));
            return;
        }
        try {
            tally.created.add(catalog.createProduct(draft, staffId).id());
        } catch (ApiException e) {
            tally.reject(new RowError(line, e.errorCode().code(), e.getMessage(), e.errors()));
        }
    }

    private void readCsv(BufferedReader in, Tally tally, UUID staffId) throws IOException {
        CsvReader csv = new CsvReader(in);
        List<String> header = csv.next();
        if (header == null) {
            return;
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.put(header.get(i).strip().toLowerCase(java.util.Locale.ROOT), i);
        }
        List<String> unknown = header.stream().map(h -> h.strip().toLowerCase(java.util.Locale.ROOT))
                .filter(h -> !CSV_COLUMNS.contains(h)).toList();
        if (!unknown.isEmpty() || !index.containsKey("title") || !index.containsKey("sku")) {
            tally.reject(new RowError(1, "validation_failed", "The header must name known columns including title and sku; "
                    + "unknown: " + unknown + "; known: " + CSV_COLUMNS, List.of()));
            return;
        }
        List<String> row;
        while (true) {
            int line = csv.lineNumber() + 1;
            try {
                row = csv.next();
            } catch (IllegalArgumentException e) {
                tally.rows++;
                tally.reject(new RowError(line, "malformed_csv", e.getMessage(), List.of()));
                return;
            }
            if (row == null) {
                return;
            }
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            tally.rows++;
            if (row.size() != header.size()) {
                tally.reject(new RowError(line, "malformed_csv", "Expected " + header.size() + " fields, found "
                        + row.size(), List.of()));
                continue;
            }
            List<FieldError> errors = new ArrayList<>();
            ProductDraft draft = fromCsv(row, index, errors);
            if (!errors.isEmpty()) {
                tally.reject(new RowError(line, "validation_failed", "The row is not valid", errors));
            } else {
                create(line, draft, tally, staffId);
            }
        }
    }

    private static ProductDraft fromCsv(List<String> row, Map<String, Integer> index, List<FieldError> errors) {
        java.util.function.Function<String, String> col = name -> {
            Integer i = index.get(name);
            String v = i == null ? null : row.get(i).strip();
            return v == null || v.isEmpty() ? null : v;
        };
        Long amount = number(col.apply("amount"), "amount", errors);
        Long compareAt = number(col.apply("compare_at_amount"), "compare_at_amount", errors);
        Long weight = number(col.apply("weight_grams"), "weight_grams", errors);
        Long stock = number(col.apply("stock_on_hand"), "stock_on_hand", errors);
        Long minDays = number(col.apply("delivery_min_days"), "delivery_min_days", errors);
        Long maxDays = number(col.apply("delivery_max_days"), "delivery_max_days", errors);
        List<PriceDraft> prices = col.apply("currency") == null && amount == null ? List.of()
                : List.of(new PriceDraft(col.apply("currency"), amount, compareAt));
        VariantDraft variant = new VariantDraft(col.apply("sku"), pairs(col.apply("options"), "options", errors), prices,
                toInt(weight), toInt(stock));
        return new ProductDraft(col.apply("title"), col.apply("slug"), col.apply("description"), col.apply("status"),
                col.apply("brand"), pairs(col.apply("attributes"), "attributes", errors), list(col.apply("image_urls")),
                null, list(col.apply("category_slugs")), list(col.apply("tags")), null, toInt(minDays), toInt(maxDays),
                List.of(variant), null);
    }

    private static Long number(String raw, String field, List<FieldError> errors) {
        if (raw == null) {
            return null;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "must be a whole number (money in minor units)"));
            return null;
        }
    }

    private static Integer toInt(Long l) {
        return l == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, l));
    }

    private static List<String> list(String raw) {
        return raw == null ? null : List.of(raw.split("\\|")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** {@code key=value|key=value}. */
    private static Map<String, String> pairs(String raw, String field, List<FieldError> errors) {
        if (raw == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : raw.split("\\|")) {
            int eq = part.indexOf('=');
            if (eq < 1) {
                errors.add(new FieldError(field, "must be key=value pairs separated by |"));
                return null;
            }
            out.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
        }
        return out;
    }

    /** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
    static final class CsvReader {
        private final BufferedReader in;
        private int lineNumber;

        CsvReader(BufferedReader in) {
            this.in = in;
        }

        int lineNumber() {
            return lineNumber;
        }

        List<String> next() throws IOException {
            String line = in.readLine();
            if (line == null) {
                return null;
            }
            lineNumber++;
            int startLine = lineNumber;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int i = 0;
            while (true) {
                if (i == line.length()) {
                    if (!quoted) {
                        fields.add(field.toString());
                        return fields;
                    }
                    String more = in.readLine();
                    if (more == null) {
                        throw new IllegalArgumentException("Unterminated quoted field starting on line " + startLine);
                    }
                    lineNumber++;
                    field.append('\n');
                    line = more;
                    i = 0;
                    continue;
                }
                char c = line.charAt(i++);
                if (quoted) {
                    if (c == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        field.append(c);
                    }
                } else if (c == '"' && field.isEmpty()) {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
        }
    }
}
