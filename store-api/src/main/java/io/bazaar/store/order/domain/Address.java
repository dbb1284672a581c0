package io.bazaar.store.order.domain;

import java.util.Objects;

/** A postal address as the customer gave it. {@code country} is ISO 3166-1 alpha-2. */
public record Address(String name, String line1, String line2, String city, String region, String postalCode,
                      String country, String phone) {
    public Address {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(line1, "line1");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(country, "country");
    }
}
