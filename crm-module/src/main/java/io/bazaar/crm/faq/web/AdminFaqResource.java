package io.bazaar.crm.faq.web;

import io.bazaar.crm.faq.app.FaqService;
import io.bazaar.crm.faq.web.FaqRequests.CreateCategoryRequest;
import io.bazaar.crm.faq.web.FaqRequests.CreateEntryRequest;
import io.bazaar.crm.faq.web.FaqRequests.UpdateCategoryRequest;
import io.bazaar.crm.faq.web.FaqRequests.UpdateEntryRequest;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.id.Ids;
import io.bazaar.shared.security.Roles;
import io.bazaar.shared.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

@Path("/v1/admin/crm/faq")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUPPORT)
@SecurityRequirement(name = "bearer")
@Tag(name = "After-sales: FAQ (staff)")
public class AdminFaqResource {
    private final FaqService faq;

    public AdminFaqResource(FaqService faq) {
        this.faq = faq;
    }

    @POST
    @Path("categories")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an FAQ category (fa or en)")
    public Response createCategory(@NotNull @Valid CreateCategoryRequest r) {
        FaqService.Category c = faq.createCategory(r.locale(), r.name(), r.position() == null ? 0 : r.position());
        return Response.created(URI.create("/v1/admin/crm/faq/categories/" + c.id())).entity(c).build();
    }

    @GET
    @Path("categories")
    @Operation(summary = "FAQ categories, optionally of one locale")
    public Page<FaqService.Category> categories(@QueryParam("locale") String locale) {
        return new Page<>(faq.categories(locale(locale)), null);
    }

    @PATCH
    @Path("categories/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename or reorder a category")
    public FaqService.Category updateCategory(@PathParam("id") String id, @NotNull @Valid UpdateCategoryRequest r) {
        return faq.updateCategory(id(id, "FAQ category"), r.name(), r.position());
    }

    @DELETE
    @Path("categories/{id}")
    @Operation(summary = "Delete an empty category (409 while it has entries)")
    public Response deleteCategory(@PathParam("id") String id) {
        faq.deleteCategory(id(id, "FAQ category"));
        return Response.noContent().build();
    }

    @POST
    @Path("entries")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an FAQ entry in a category (its locale follows the category; published by default)")
    public Response createEntry(@NotNull @Valid CreateEntryRequest r) {
        FaqService.Entry e = faq.createEntry(new FaqService.EntryDraft(r.categoryId(), r.question(), r.answer(),
                !Boolean.FALSE.equals(r.published()), r.position() == null ? 0 : r.position()));
        return Response.created(URI.create("/v1/admin/crm/faq/entries/" + e.id())).entity(e).build();
    }

    @GET
    @Path("entries")
    @Operation(summary = "FAQ entries (published or not) with their helpful counts",
            description = "Filters: category_id, locale.")
    public Page<FaqService.Entry> entries(@QueryParam("category_id") String categoryId,
                                          @QueryParam("locale") String locale) {
        UUID category = categoryId == null ? null : Ids.parse(categoryId)
                .orElseThrow(() -> ApiException.validation("category_id", "must be a UUID"));
        return new Page<>(faq.entries(category, locale(locale), false), null);
    }

    @GET
    @Path("entries/{id}")
    @Operation(summary = "One FAQ entry")
    public FaqService.Entry entry(@PathParam("id") String id) {
        return faq.entry(id(id, "FAQ entry"), false);
    }

    @PATCH
    @Path("entries/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an entry (question, answer, category, published, position)")
    public FaqService.Entry updateEntry(@PathParam("id") String id, @NotNull @Valid UpdateEntryRequest r) {
        return faq.updateEntry(id(id, "FAQ entry"), r.categoryId(), r.question(), r.answer(), r.published(),
                r.position());
    }

    @DELETE
    @Path("entries/{id}")
    @Operation(summary = "Delete an entry and its votes")
    public Response deleteEntry(@PathParam("id") String id) {
        faq.deleteEntry(id(id, "FAQ entry"));
        return Response.noContent().build();
    }

    @GET
    @Path("deflection")
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Deflection rate of ticket suggestions",
            description = "Over suggestion views shown in [from, to) whose window (window_minutes, default 30) is over: "
                    + "deflected = no ticket by that customer within the window after the view. deflection_rate_percent "
                    + "= deflected / views x 100, one decimal half-up; null without views. marked_solved counts views "
                    + "where the customer said an entry solved it; pending counts views still inside their window.")
    public FaqService.Deflection deflection(@QueryParam("from") String from, @QueryParam("to") String to,
                                            @QueryParam("window_minutes") Integer windowMinutes) {
        return faq.deflection(instant("from", from), instant("to", to), windowMinutes == null ? 30 : windowMinutes);
    }

    static String locale(String locale) {
        if (locale != null && !locale.equals("fa") && !locale.equals("en")) {
            throw ApiException.validation("locale", "must be fa or en");
        }
        return locale;
    }

    private static UUID id(String id, String what) {
        return Ids.parse(id).orElseThrow(() -> ApiException.notFound(what));
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            throw ApiException.validation(name, "is required (ISO-8601 instant)");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(name, "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
    }
}
