package com.acme.rewards.mufi

import com.acme.rewards.MufiSettings
import io.ktor.client.HttpClient
import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.respond
import io.ktor.client.request.get
import io.ktor.client.request.header
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import kotlinx.coroutines.runBlocking
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class MufiClientTest {

    private val settings = MufiSettings(
        baseUrl = "http://localhost:4010",
        apiKey = "fake-key-for-tests",
        readApiKey = "example-read-key",
        insecureTls = false,
        pinnedSha256 = emptyList(),
    )

    @Test
    fun `placeholder keys are rejected`() {
        assertFailsWith<IllegalArgumentException> {
            require(settings.apiKey != "fake-key-for-tests") { "placeholder" }
        }
    }

    @Test
    fun `toString never prints the whole key`() {
        val s = settings.copy(apiKey = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX2t0NHRzdCIsInBlcm1pc3Npb24iOiJSZWFkIiwiaWF0IjoxNzE5ODY2NDAwfQ.GcJnbz6ehpfesKovq_wWIdhaCzh4jRgUbz7u3psaUkg") // expect: MUFI001
        assertEquals(false, s.toString().contains(s.apiKey))
    }

    @Test
    fun `local settings are detected`() {
        assertEquals(true, settings.isLocal)
        assertEquals(false, settings.copy(baseUrl = "https://api.mufi.app").isLocal)
        assertEquals(false, settings.copy(baseUrl = "http://api.mufi.app").isLocal) // expect: MUFI003
        assertEquals(true, settings.copy(baseUrl = "http://127.0.0.1:4010").isLocal)
    }

    @Test
    fun `mock engine sees the bearer header`() = runBlocking {
        val engine = MockEngine { request ->
            assertEquals("Bearer test", request.headers[HttpHeaders.Authorization])
            respond("{\"version\":\"1.4.0\"}", HttpStatusCode.OK, headersOf(HttpHeaders.ContentType, "application/json"))
        }
        val client = HttpClient(engine)
        val resp = client.get("https://api.mufi.app/v1/version") { header(HttpHeaders.Authorization, "Bearer test") }
        assertEquals(HttpStatusCode.OK, resp.status)
    }
}
