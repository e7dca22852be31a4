package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dbfilter.internal.eclipselink.Naming;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamingTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "User, user",
        "BlogPost, blog_post",
        "HTTPResponse, http_response",
        "RequestHTTP, request_http",
        "ResourceHTTPRequest, resource_http_request",
        "HTMLLayout, html_layout",
        "ABCPost, abc_post",
        "ShoppingCartSession, shopping_cart_session",
        "Snake_case, snake_case",
        "createdAt, created_at",
        "userID, user_id",
    })
    void followsFlaskSqlAlchemysRule(String name, String expected) {
        assertEquals(expected, Naming.snakeCase(name));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "Model3D, model3d",
        "Vector2D, vector2d",
        "Ipv4Address, ipv4_address",
        "HTTP2Server, http2_server",
        "OAuth2Token, o_auth2_token",
        "Snake_Case, snake_case",
        "_Private, private",
    })
    void keepsDigitsWithTheirWordAndFoldsDoubledUnderscores(String name, String expected) {
        assertEquals(expected, Naming.snakeCase(name));
    }
}
