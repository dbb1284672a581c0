package io.bazaar.crm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.crm.intake.CrmIntake;
import io.bazaar.crm.timeline.app.TimelineService;
import io.bazaar.crm.timeline.web.CustomerTimelineResource;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The CRM wired by hand: the store's Application builds one and registers its {@link #resources()}
 * and adapts store events to its {@link #intake()}.
 */
public final class CrmModule {
    private final TimelineService timeline;

    public CrmModule(Jdbi jdbi, ObjectMapper mapper, Clock clock) {
        this.timeline = new TimelineService(jdbi, mapper);
    }

    public CrmIntake intake() {
        return timeline;
    }

    public TimelineService timeline() {
        return timeline;
    }

    /** JAX-RS resources to register with Jersey. */
    public List<Object> resources() {
        return List.of(new CustomerTimelineResource(timeline));
    }
}
