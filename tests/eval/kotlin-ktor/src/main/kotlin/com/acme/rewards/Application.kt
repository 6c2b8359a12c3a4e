package com.acme.rewards

import com.acme.rewards.mufi.MufiClient
import com.acme.rewards.mufi.MufiForbidden
import io.ktor.http.HttpStatusCode
import io.ktor.serialization.kotlinx.json.json
import io.ktor.server.application.Application
import io.ktor.server.application.install
import io.ktor.server.engine.embeddedServer
import io.ktor.server.netty.Netty
import io.ktor.server.plugins.contentnegotiation.ContentNegotiation
import io.ktor.server.plugins.statuspages.StatusPages
import io.ktor.server.request.receive
import io.ktor.server.response.respond
import io.ktor.server.response.respondText
import io.ktor.server.routing.get
import io.ktor.server.routing.post
import io.ktor.server.routing.routing
import kotlinx.serialization.Serializable

/*
 * Rewards service: the store app calls these routes, this service calls Mufi.
 * Local run:  ./gradlew run  then  curl http://localhost:8080/health
 */

@Serializable data class EnrollRequest(val email: String)
@Serializable data class EnrollResponse(val userId: String, val address: String?)

fun main() {
    embeddedServer(Netty, port = System.getenv("PORT")?.toInt() ?: 8080, host = "0.0.0.0") {
        module()
    }.start(wait = true)
}

fun Application.module() {
    val settings = if (System.getenv("APP_ENV") == "dev") MufiSettings.dev() else MufiSettings.from(environment.config)
    val mufi = MufiClient(settings)
    val printerUrl = System.getenv("PRINTER_URL") ?: "http://printer.store.local/jobs"
    val webhookTarget = System.getenv("REWARDS_WEBHOOK") ?: "http://rewards-hooks.acme-retail.com/mufi" // expect: MUFI003

    install(ContentNegotiation) { json() }
    install(StatusPages) {
        exception<MufiForbidden> { call, cause ->
            call.respond(HttpStatusCode.BadGateway, mapOf("error" to (cause.message ?: "forbidden")))
        }
    }

    routing {
        get("/health") {
            call.respondText("ok")
        }
        post("/rewards/enroll") {
            val req = call.receive<EnrollRequest>()
            if ("@" !in req.email) {
                call.respond(HttpStatusCode.BadRequest, mapOf("error" to "a valid email is required"))
                return@post
            }
            val user = mufi.createUser(req.email.trim().lowercase())
            call.respond(HttpStatusCode.Created, EnrollResponse(user.id, user.wallet?.address))
        }
        get("/rewards/{id}") {
            val user = mufi.profile(call.parameters["id"]!!)
            if (user == null) call.respond(HttpStatusCode.NotFound) else call.respond(user)
        }
        get("/admin/upstream") {
            call.respond(
                mapOf(
                    "mufi" to mufi.version(),
                    "docs" to MufiDefaults.DOCS_URL,
                    "printer" to printerUrl,
                    "webhook" to webhookTarget,
                    "schema" to "http://schema.org/Organization",
                )
            )
        }
    }
}
