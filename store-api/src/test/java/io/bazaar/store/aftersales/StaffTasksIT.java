package io.bazaar.store.aftersales;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Staff tasks through the HTTP API: create, list by assignee and status, complete, cancel, timeline. */
@ExtendWith(DropwizardExtensionsSupport.class)
class StaffTasksIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension();
    static final AftersalesStaff STAFF = new AftersalesStaff(APP);

    static Api api() {
        return BazaarApp.api(APP);
    }

    static Api.Reply ok(Api.Reply r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        return r;
    }

    String task(String customerId, String title, String assignee, String kind) {
        Instant due = BazaarApp.app(APP).clock.instant().plus(Duration.ofDays(1));
        Api.Reply r = ok(api().post("/v1/admin/crm/tasks", "{\"customer_id\":\"" + customerId + "\",\"title\":\"" + title
                + "\",\"assignee_id\":" + (assignee == null ? "null" : "\"" + assignee + "\"")
                + ",\"due_at\":\"" + due + "\",\"kind\":\"" + kind + "\"}", STAFF.manager()), 201);
        String id = r.json().get("id").asText();
        assertThat(r.header("Location").orElseThrow()).endsWith("/v1/admin/crm/tasks/" + id);
        return id;
    }

    @Test
    void aCallTask_isAssigned_listed_completed_andOnTheTimelineAsPhysical() {
        Accounts.Session vip = STAFF.customer("task-vip");
        STAFF.support();
        String call = task(vip.id(), "Call this VIP", STAFF.supportId, "physical");
        String note = task(vip.id(), "Send the catalogue", null, "interactive");

        JsonNode mine = ok(api().get("/v1/admin/crm/tasks?assignee=me&status=open", STAFF.support()), 200).json()
                .get("data");
        assertThat(mine.findValuesAsText("id")).containsExactly(call);
        JsonNode byId = ok(api().get("/v1/admin/crm/tasks?assignee_id=" + STAFF.supportId, STAFF.manager()), 200).json()
                .get("data");
        assertThat(byId.findValuesAsText("id")).containsExactly(call);
        JsonNode unassigned = ok(api().get("/v1/admin/crm/tasks?role=support&customer_id=" + vip.id(), STAFF.support()),
                200).json().get("data");
        assertThat(unassigned.findValuesAsText("id")).containsExactly(note);

        JsonNode done = ok(api().post("/v1/admin/crm/tasks/" + call + "/completion",
                "{\"outcome\":\"Happy, wants the new range\",\"channel\":\"phone\"}", STAFF.support()), 200).json();
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(done.get("completed_by").asText()).isEqualTo(STAFF.supportId);
        assertThat(api().post("/v1/admin/crm/tasks/" + call + "/completion", "{}", STAFF.support()).status())
                .isEqualTo(409);
        JsonNode cancelled = ok(api().post("/v1/admin/crm/tasks/" + note + "/cancellation",
                "{\"outcome\":\"customer asked us not to\"}", STAFF.support()), 200).json();
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(api().post("/v1/admin/crm/tasks/" + note + "/completion", "{}", STAFF.support()).status())
                .isEqualTo(409);
        assertThat(ok(api().get("/v1/admin/crm/tasks?status=cancelled&customer_id=" + vip.id(), STAFF.support()), 200)
                .json().get("data").findValuesAsText("id")).containsExactly(note);

        JsonNode timeline = ok(api().get("/v1/admin/crm/customers/" + vip.id() + "/timeline?kind=physical",
                STAFF.support()), 200).json().get("data");
        List<String> types = new ArrayList<>();
        timeline.forEach(e -> types.add(e.get("type").asText() + "/" + e.get("channel").asText()));
        assertThat(types).containsExactlyInAnyOrder("task.created/system", "task.completed/phone");
        JsonNode interactive = ok(api().get("/v1/admin/crm/customers/" + vip.id() + "/timeline?type=task.cancelled",
                STAFF.support()), 200).json().get("data");
        assertThat(interactive).hasSize(1);
        assertThat(interactive.get(0).get("kind").asText()).isEqualTo("interactive");
    }

    @Test
    void listIsPaginated_newestFirst() {
        Accounts.Session c = STAFF.customer("task-page");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(task(c.id(), "Task " + i, null, "interactive"));
            BazaarApp.app(APP).clock.advance(Duration.ofSeconds(1));
        }
        JsonNode first = ok(api().get("/v1/admin/crm/tasks?customer_id=" + c.id() + "&limit=2", STAFF.support()), 200)
                .json();
        assertThat(first.get("data").findValuesAsText("id")).containsExactly(ids.get(2), ids.get(1));
        JsonNode second = ok(api().get("/v1/admin/crm/tasks?customer_id=" + c.id() + "&limit=2&cursor="
                + first.get("next_cursor").asText(), STAFF.support()), 200).json();
        assertThat(second.get("data").findValuesAsText("id")).containsExactly(ids.get(0));
        assertThat(second.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void badInput_is4xx() {
        Instant due = BazaarApp.app(APP).clock.instant().plus(Duration.ofDays(1));
        assertThat(api().post("/v1/admin/crm/tasks", "{\"customer_id\":\"" + UUID.randomUUID() + "\",\"title\":\"x\","
                + "\"due_at\":\"" + due + "\"}", STAFF.support()).status()).isEqualTo(404);
        assertThat(api().post("/v1/admin/crm/tasks", "{\"title\":\"x\",\"assignee_id\":\"" + UUID.randomUUID()
                + "\",\"due_at\":\"" + due + "\"}", STAFF.support()).status()).isEqualTo(400);
        assertThat(api().post("/v1/admin/crm/tasks", "{\"title\":\"x\",\"due_at\":\"" + due + "\",\"kind\":\"transactional\"}",
                STAFF.support()).status()).isEqualTo(400);
        assertThat(api().get("/v1/admin/crm/tasks?status=maybe", STAFF.support()).status()).isEqualTo(400);
        assertThat(api().post("/v1/admin/crm/tasks/" + UUID.randomUUID() + "/completion", "{}", STAFF.support()).status())
                .isEqualTo(404);
        Accounts.Session c = STAFF.customer("task-403");
        assertThat(api().get("/v1/admin/crm/tasks", c.auth()).status()).isEqualTo(403);
    }
}
