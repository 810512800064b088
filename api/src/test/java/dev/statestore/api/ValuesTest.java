package dev.statestore.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValuesTest {

    /** A record value, encoded by Jackson through its accessors. */
    record Order(String id, int quantity, List<String> tags) {
    }

    /** A plain bean, encoded by Jackson through its getters and setters. */
    public static final class Customer {
        private String name;
        private int age;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public int getAge() {
            return age;
        }

        public void setAge(int age) {
            this.age = age;
        }
    }

    @Test
    void bytesUnchanged() {
        byte[] value = {0, 1, (byte) 0xFF, 42};

        SetRequest request = Values.toSetRequest("k1", value).build();

        assertArrayEquals(value, request.value());
        assertEquals(Optional.empty(), request.contentType());
    }

    @Test
    void bytesDecodedUnchanged() {
        byte[] value = {0, 1, (byte) 0xFF, 42};

        assertSame(value, Values.decode("k1", value, byte[].class));
    }

    @Test
    void stringEncodedAsUtf8() {
        SetRequest request = Values.toSetRequest("k1", "ńą€😀").build();

        assertArrayEquals("ńą€😀".getBytes(StandardCharsets.UTF_8), request.value());
        assertEquals(Optional.of(Values.TEXT_CONTENT_TYPE), request.contentType());
    }

    @Test
    void stringDecodedAsUtf8() {
        byte[] value = "ńą€😀".getBytes(StandardCharsets.UTF_8);

        assertEquals("ńą€😀", Values.decode("k1", value, String.class));
    }

    @Test
    void recordEncodedAsJson() {
        SetRequest request = Values.toSetRequest("k1", new Order("o-1", 3, List.of("a", "b"))).build();

        assertEquals("{\"id\":\"o-1\",\"quantity\":3,\"tags\":[\"a\",\"b\"]}",
                new String(request.value(), StandardCharsets.UTF_8));
        assertEquals(Optional.of(Values.JSON_CONTENT_TYPE), request.contentType());
    }

    @Test
    void recordRoundTrip() {
        Order order = new Order("o-1", 3, List.of("a", "b"));

        byte[] encoded = Values.toSetRequest("k1", order).build().value();

        assertEquals(order, Values.decode("k1", encoded, Order.class));
    }

    @Test
    void beanRoundTrip() {
        Customer customer = new Customer();
        customer.setName("Ada");
        customer.setAge(36);

        byte[] encoded = Values.toSetRequest("k1", customer).build().value();
        Customer decoded = Values.decode("k1", encoded, Customer.class);

        assertEquals("{\"name\":\"Ada\",\"age\":36}", new String(encoded, StandardCharsets.UTF_8));
        assertEquals("Ada", decoded.getName());
        assertEquals(36, decoded.getAge());
    }

    @Test
    void typedReadErrorNamesKeyAndType() {
        byte[] notJson = "plain text".getBytes(StandardCharsets.UTF_8);

        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> Values.decode("orders/42", notJson, Order.class));

        assertTrue(error.getMessage().contains("'orders/42'"), error.getMessage());
        assertTrue(error.getMessage().contains(Order.class.getName()), error.getMessage());
        assertTrue(error.getMessage().contains("byte[] or String"), error.getMessage());
    }

    @Test
    void typedReadErrorOnWrongShape() {
        byte[] array = "[1,2,3]".getBytes(StandardCharsets.UTF_8);

        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> Values.decode("k1", array, Order.class));

        assertTrue(error.getMessage().contains(Order.class.getName()), error.getMessage());
    }

    @Test
    void unencodableValueNamesKeyAndType() {
        Object selfReferencing = new Object() {
            @SuppressWarnings("unused")
            public Object getSelf() {
                return this;
            }
        };

        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> Values.encodeJson("k9", selfReferencing));

        assertTrue(error.getMessage().contains("'k9'"), error.getMessage());
        assertTrue(error.getMessage().contains(selfReferencing.getClass().getName()), error.getMessage());
    }
}
