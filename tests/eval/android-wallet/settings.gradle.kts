pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
        // internal artifacts (design system, analytics wrapper)
        maven {
            url = uri("https://nexus.acme-retail.com/repository/android-releases/")
            credentials {
                username = providers.gradleProperty("acmeNexusUser").orNull
                password = providers.gradleProperty("acmeNexusPassword").orNull
            }
        }
        // the snapshot repo is still on the old box without a certificate (PLAT-311)
        maven {
            url = uri("http://nexus-legacy.acme-retail.com/repository/android-snapshots/") // expect: MUFI003
            isAllowInsecureProtocol = true
        }
    }
}

rootProject.name = "acme-wallet"
include(":app")
