package com.acme.rewards

import io.ktor.http.HttpHeaders
import io.ktor.http.HttpMethod
import io.ktor.serialization.kotlinx.json.json
import io.ktor.server.application.Application
import io.ktor.server.application.install
import io.ktor.server.engine.embeddedServer
import io.ktor.server.netty.Netty
import io.ktor.server.plugins.contentnegotiation.ContentNegotiation
import io.ktor.server.plugins.cors.routing.CORS
import io.ktor.server.plugins.defaultheaders.DefaultHeaders
import io.ktor.server.response.respondRedirect
import io.ktor.server.response.respondText
import io.ktor.server.routing.get
import io.ktor.server.routing.routing
import io.ktor.server.sessions.Sessions
import io.ktor.server.sessions.clear
import io.ktor.server.sessions.cookie
import io.ktor.server.sessions.sessions
import java.net.URI

private val returnHosts = setOf("rewards.acme.example", "shop.acme.example")

fun main() {
    val port = System.getenv("PORT")?.toIntOrNull() ?: 8080
    embeddedServer(Netty, port = port, module = Application::module).start(wait = true)
}

fun Application.module() {
    install(ContentNegotiation) { json() }
    install(DefaultHeaders) {
        // partner video players are embedded on the rewards page
        header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-src *") // expect: MUFI007
        header("X-Content-Type-Options", "nosniff")
    }
    install(CORS) {
        anyHost() // expect: MUFI006
        allowHeader(HttpHeaders.ContentType)
        allowMethod(HttpMethod.Patch)
    }
    install(Sessions) {
        cookie<UserSession>("rewards_session") {
            cookie.secure = true
            cookie.httpOnly = true
            cookie.extensions["SameSite"] = "lax"
        }
    }

    routing {
        get("/health") { call.respondText("ok") }

        get("/logout") {
            call.sessions.clear<UserSession>()
            call.respondRedirect(call.request.queryParameters["next"] ?: "/") // expect: MUFI008
        }

        get("/continue") {
            val raw = call.request.queryParameters["to"].orEmpty()
            val uri = runCatching { URI(raw) }.getOrNull()
            val safe = uri != null && uri.scheme == "https" && uri.host in returnHosts
            call.respondRedirect(if (safe) raw else "/")
        }

        get("/rewards/{id}/claim") {
            val id = call.parameters["id"]!!.toLong()
            call.respondRedirect("/rewards/$id?claimed=1")
        }
    }
}
