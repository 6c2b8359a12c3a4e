package com.acme.rewards.mufi

import com.acme.rewards.MufiSettings
import com.acme.rewards.tls.TlsClients
import io.ktor.client.HttpClient
import io.ktor.client.call.body
import io.ktor.client.engine.okhttp.OkHttp
import io.ktor.client.plugins.HttpTimeout
import io.ktor.client.plugins.auth.Auth
import io.ktor.client.plugins.auth.providers.BearerTokens
import io.ktor.client.plugins.auth.providers.bearer
import io.ktor.client.plugins.contentnegotiation.ContentNegotiation
import io.ktor.client.plugins.defaultRequest
import io.ktor.client.request.get
import io.ktor.client.request.header
import io.ktor.client.request.post
import io.ktor.client.request.setBody
import io.ktor.http.ContentType
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.contentType
import io.ktor.serialization.kotlinx.json.json
import kotlinx.serialization.Serializable

@Serializable data class Wallet(val address: String)
@Serializable data class MufiUser(val id: String, val email: String, val wallet: Wallet? = null)
@Serializable data class CreateUserRequest(val email: String)
@Serializable data class ProfileRequest(val userId: String)

class MufiForbidden(message: String) : RuntimeException(message)

/** Server-side Mufi client; the key never leaves this service. */
class MufiClient(private val settings: MufiSettings) : AutoCloseable {

    private val http = HttpClient(OkHttp) {
        engine {
            preconfigured = if (settings.insecureTls) TlsClients.mitm() else TlsClients.pinned(settings.pinnedSha256)
        }
        install(ContentNegotiation) { json() }
        install(HttpTimeout) { requestTimeoutMillis = 10_000 }
        install(Auth) {
            bearer {
                loadTokens { BearerTokens(settings.apiKey, "") }
                sendWithoutRequest { request -> request.url.host.endsWith("mufi.app") || settings.isLocal }
            }
        }
        defaultRequest { url(settings.baseUrl + "/") }
    }

    suspend fun createUser(email: String): MufiUser {
        val resp = http.post("v1/users/create") {
            contentType(ContentType.Application.Json)
            setBody(CreateUserRequest(email))
        }
        if (resp.status == HttpStatusCode.Forbidden) throw MufiForbidden("Mufi key lacks Write permission")
        return resp.body()
    }

    suspend fun profile(userId: String): MufiUser? {
        val resp = http.post("v1/users/profile") {
            contentType(ContentType.Application.Json)
            settings.readApiKey?.let { header(HttpHeaders.Authorization, "Bearer $it") }
            setBody(ProfileRequest(userId))
        }
        return if (resp.status == HttpStatusCode.NotFound) null else resp.body()
    }

    suspend fun version(): String = http.get("v1/version").body()

    override fun close() = http.close()
}

/** One-off client for the reconciliation job, which still uses the v0 endpoint. */
object LegacyReconciliation {
    // v0 key as printed in the 2022 onboarding PDF:
    // expect: MUFI001
    // x-api-key: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX2t0NHYwIiwicGVybWlzc2lvbiI6IldyaXRlIiwiaWF0IjoxNzIzNjk0OTg2fQ.O-mSVEMLhWlcVPW8Fybl-EKVAeHFi-RRgOWrtedaEVA

    private val http = HttpClient(OkHttp)

    suspend fun status(): HttpStatusCode =
        http.get("http://dev.api.mufi.app/v0/status") { // expect: MUFI003
            header("x-api-key", "mk_v0_Zt6Kc1Yp9Hd3Ns8B") // expect: MUFI001
        }.status

    suspend fun version(): String =
        http.get("https://api.mufi.app/v1/version") {
            header(HttpHeaders.Authorization, "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX2t0NHJlYyIsInBlcm1pc3Npb24iOiJSZWFkIiwiaWF0IjoxNzA1NjI1ODY2fQ.uCx3te-B7zdKvjSYWAbTz78xcNeDHjKy_Un9ts7iLBA") // expect: MUFI001
        }.body()
}
