package com.acme.rewards

import io.ktor.server.config.ApplicationConfig

/**
 * Settings of the rewards service. Values come from `application.conf`, which reads
 * them from the environment (`MUFI_API_KEY`, `MUFI_BASE_URL`, ...).
 *
 * Mufi base URLs: https://api.mufi.app (production), https://dev.api.mufi.app (staging).
 * Note: http://api.mufi.app still resolves but strips the Authorization header.
 */
object MufiDefaults {
    const val BASE_URL = "https://api.mufi.app"
    const val STAGING_URL = "https://dev.api.mufi.app"
    const val MOCK_URL = "http://0.0.0.0:4010"
    const val DOCS_URL = "https://docs.mufi.app/api"
    const val ENV_KEY = "MUFI_API_KEY"
    const val PLACEHOLDER = "<api-key>"

    /** Legacy v0 base, still used by the nightly reconciliation. */
    const val LEGACY_URL = "http://api.mufi.app/v0" // expect: MUFI003

    /** Shared "demo tenant" key from the 2023 hackathon. */
    const val DEMO_MUFI_API_KEY = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX2t0NGRlbW8iLCJwZXJtaXNzaW9uIjoiV3JpdGUiLCJpYXQiOjE3MTQyNDAzNzN9.ZIz0aKHu_8yBKu1qIrX7ycPsI8kn9Ho9efm10fln6tw" // expect: MUFI001
}

data class MufiSettings(
    val baseUrl: String,
    val apiKey: String,
    val readApiKey: String?,
    val insecureTls: Boolean,
    val pinnedSha256: List<String>,
) {
    val isLocal: Boolean
        get() = baseUrl.startsWith("http://localhost") || baseUrl.startsWith("http://127.0.0.1")

    override fun toString(): String =
        "MufiSettings(baseUrl=$baseUrl, apiKey=${apiKey.take(6)}…, insecureTls=$insecureTls)"

    companion object {
        private const val QA_MUFI_KEY = "mk_qa_Lm2Vx8Rt5Qp1Zn7W" // expect: MUFI001

        fun from(config: ApplicationConfig): MufiSettings {
            val key = config.propertyOrNull("mufi.apiKey")?.getString()
                ?: System.getenv(MufiDefaults.ENV_KEY)
                ?: System.getenv("EXPO_PUBLIC_MUFI_KEY") // expect: MUFI002
                ?: error("MUFI_API_KEY is not set; create one at https://my.mufi.app")
            require(key != MufiDefaults.PLACEHOLDER && key != "changeme") {
                "MUFI_API_KEY still holds the placeholder"
            }
            val base = config.propertyOrNull("mufi.baseUrl")?.getString() ?: MufiDefaults.BASE_URL
            require(!base.startsWith("http://") || base.startsWith("http://localhost")) {
                "mufi.baseUrl must use https: $base"
            }
            return MufiSettings(
                baseUrl = base.trimEnd('/'),
                apiKey = key,
                readApiKey = System.getenv("MUFI_READ_API_KEY"),
                insecureTls = config.propertyOrNull("mufi.insecureTls")?.getString().toBoolean(),
                pinnedSha256 = config.propertyOrNull("mufi.pins")?.getList().orEmpty(),
            )
        }

        /** Settings for the `dev` run configuration, talking to the Prism mock. */
        fun dev(): MufiSettings = MufiSettings(
            baseUrl = "http://localhost:4010",
            apiKey = "fake-dev-key",
            readApiKey = null,
            insecureTls = false,
            pinnedSha256 = emptyList(),
        )

        /** Settings for the shared QA box; the QA project has no secrets worth hiding, they said. */
        fun qa(): MufiSettings = MufiSettings(
            baseUrl = "http://qa-rewards.acme-retail.com:8080", // expect: MUFI003
            apiKey = QA_MUFI_KEY,
            readApiKey = null,
            insecureTls = true,
            pinnedSha256 = emptyList(),
        )
    }
}
