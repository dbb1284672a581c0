package io.bazaar.store.fulfilment.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.store.fulfilment.app.FulfilmentService;
import io.bazaar.store.fulfilment.web.ShipmentRequests.CarrierCallbackRequest;
import io.bazaar.store.order.app.OrderViews.ShipmentView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.Set;

/**
 * Carriers report deliveries here. No bearer token: the request is authenticated by an HMAC-SHA256
 * signature of its raw body (see {@code CarrierSignature}), so the body is read as bytes and parsed
 * only after the signature verified.
 */
@Path("/v1/carrier-callbacks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Fulfilment (carriers)")
public class CarrierCallbackResource {
    public static final String TIMESTAMP_HEADER = "X-Bazaar-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Bazaar-Signature";
    private final FulfilmentService fulfilment;
    private final ObjectMapper mapper;
    private final Validator validator;

    public CarrierCallbackResource(FulfilmentService fulfilment, ObjectMapper mapper, Validator validator) {
        this.fulfilment = fulfilment;
        this.mapper = mapper;
        this.validator = validator;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Carrier tracking update (signed: X-Bazaar-Timestamp, X-Bazaar-Signature)",
            description = "Signature: sha256=hex(HMAC-SHA256(secret, timestamp + '.' + raw body)). A bad or stale "
                    + "signature is 401 invalid_signature and changes nothing.")
    public ShipmentView callback(@HeaderParam(TIMESTAMP_HEADER) String timestamp,
                                 @HeaderParam(SIGNATURE_HEADER) String signature, byte[] body) {
        return fulfilment.carrierCallback(timestamp, signature, body == null ? new byte[0] : body, raw -> {
            CarrierCallbackRequest r;
            try {
                r = mapper.readValue(raw, CarrierCallbackRequest.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new ApiException(ErrorCode.MALFORMED_JSON, "The callback body is not the documented JSON object");
            } catch (IOException e) {
                throw new ApiException(ErrorCode.BAD_REQUEST, "The callback body could not be read");
            }
            if (r == null) {
                throw new ApiException(ErrorCode.MALFORMED_JSON, "The callback body is empty");
            }
            Set<ConstraintViolation<CarrierCallbackRequest>> violations = validator.validate(r);
            if (!violations.isEmpty()) {
                ConstraintViolation<CarrierCallbackRequest> v = violations.iterator().next();
                String field = v.getPropertyPath().toString().replaceAll("([a-z])([A-Z])", "$1_$2")
                        .toLowerCase(java.util.Locale.ROOT);
                throw ApiException.validation(field, v.getMessage());
            }
            return new FulfilmentService.CarrierUpdate(r.carrier().strip(), r.trackingNumber().strip(), r.event());
        });
    }
}
