package io.bazaar.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViewShapeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    enum Status { ACTIVE, ARCHIVED }

    enum StatusWithMore { ACTIVE, ARCHIVED, DRAFT }

    record Price(String currency, long amount) {
    }

    record PriceRenamed(String currency, long minorUnits) {
    }

    record View(String title, List<Price> prices, Map<String, Status> states) {
    }

    /** {@link View} under another name: the same JSON, so the same shape (the control for the tests below). */
    record ViewSame(String title, List<Price> prices, Map<String, Status> states) {
    }

    record ViewExtraField(String title, List<Price> prices, Map<String, Status> states, String brand) {
    }

    record ViewRenamedField(String name, List<Price> prices, Map<String, Status> states) {
    }

    record ViewRetypedField(String title, Price[] prices, Map<String, Status> states) {
    }

    record ViewNullsHidden(@JsonInclude(JsonInclude.Include.NON_NULL) String title, List<Price> prices,
                           Map<String, Status> states) {
    }

    record ViewNestedRename(String title, List<PriceRenamed> prices, Map<String, Status> states) {
    }

    record ViewMoreStates(String title, List<Price> prices, Map<String, StatusWithMore> states) {
    }

    record Node(String name, List<Node> children) {
    }

    private static String shape(Class<?> view) {
        return ViewShape.of(view, MAPPER);
    }

    @Test
    void isStable_twelveHexDigits_andTheSameForTheSameJson() {
        assertThat(shape(View.class)).matches("[0-9a-f]{12}").isEqualTo(shape(View.class))
                .isEqualTo(shape(ViewSame.class));
    }

    @Test
    void changesWhenAFieldIsAddedRenamedRetypedOrReannotated() {
        assertThat(shape(ViewExtraField.class)).isNotEqualTo(shape(View.class));
        assertThat(shape(ViewRenamedField.class)).isNotEqualTo(shape(View.class));
        assertThat(shape(ViewRetypedField.class)).isNotEqualTo(shape(View.class));
        assertThat(shape(ViewNullsHidden.class)).isNotEqualTo(shape(View.class));
    }

    @Test
    void changesWhenANestedRecordOrEnumChanges() {
        assertThat(shape(ViewNestedRename.class)).isNotEqualTo(shape(View.class));
        assertThat(shape(ViewMoreStates.class)).isNotEqualTo(shape(View.class));
    }

    @Test
    void changesWithTheMappersNaming() {
        ObjectMapper snake = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        assertThat(ViewShape.of(View.class, snake)).isNotEqualTo(shape(View.class));
    }

    @Test
    void aRecursiveViewRefersToItselfByPosition() {
        assertThat(ViewShape.description(Node.class)).isEqualTo("{name:java.lang.String;children:java.util.List<^0,>;}");
    }
}
