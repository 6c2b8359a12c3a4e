package com.acme.wallets.mufi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestTemplate;

class MufiClientTest {

    /** Back-office SSO token (not a Mufi key) used to check it is never forwarded. */
    private static final String OPERATOR_JWT = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjU0MWM5MzkxIn0.eyJzdWIiOiJjdXNfZjVmOTA5ZjU3YjZlIiwiaWF0IjoxNzE4MDAwMDAwLCJleHAiOjE3MTgwMDM2MDB9.JI2-OYmkjQeGtReVnuVEKXmp_S39daESHgoNWewM8Xwe2mc36gQ_IiWNki7IGG5mUxHxULTyUurm8hmRhpfAEw"; // expect: MUFI001
    private static final String TEST_KEY = "fake-mufi-key";

    private MockRestServiceServer server;
    private MufiClient client;

    @BeforeEach
    void setUp() {
        RestTemplate rest = new RestTemplateBuilder()
                .rootUri("https://api.mufi.app")
                .defaultHeader("Authorization", "Bearer " + TEST_KEY)
                .build();
        server = MockRestServiceServer.bindTo(rest).build();
        client = new MufiClient(rest, "");
    }

    @Test
    void createUserSendsBearerKey() {
        server.expect(requestTo("https://api.mufi.app/v1/users/create"))
                .andExpect(header("Authorization", "Bearer fake-mufi-key"))
                .andRespond(withSuccess("{\"id\":\"usr_1\",\"email\":\"a@example.com\",\"wallet\":{\"address\":\"5F\"}}",
                        MediaType.APPLICATION_JSON));

        var user = client.createUser("a@example.com", "ops");

        assertThat(user.id()).isEqualTo("usr_1");
        assertThat(OPERATOR_JWT).doesNotContain(TEST_KEY);
        server.verify();
    }

    @Test
    void profileUsesReadKeyWhenConfigured() {
        RestTemplate rest = new RestTemplateBuilder().rootUri("http://localhost:4010").build();
        var mock = MockRestServiceServer.bindTo(rest).build();
        var reader = new MufiClient(rest, "test");
        mock.expect(requestTo("http://localhost:4010/v1/users/profile"))
                .andExpect(header("Authorization", "Bearer test"))
                .andRespond(withSuccess("{\"id\":\"usr_2\"}", MediaType.APPLICATION_JSON));

        assertThat(reader.profile("usr_2").id()).isEqualTo("usr_2");
        mock.verify();
    }

    @Test
    void stubUrlIsBuiltFromHostAndPort() {
        assertThat(WalletService.stubUrl("mufi-stub.local", 4010)).isEqualTo("http://mufi-stub.local:4010/v1/version");
    }
}
