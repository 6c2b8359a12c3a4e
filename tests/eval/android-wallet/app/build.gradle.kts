import java.util.Properties

plugins {
    id("com.android.application")
    id("org.jetbrains.kotlin.android")
    id("com.google.devtools.ksp")
}

// Developer machines keep the Mufi key in local.properties (never committed),
// CI passes it with -PmufiApiKey=... from the pipeline secret store.
val localProps = Properties().apply {
    val file = rootProject.file("local.properties")
    if (file.exists()) file.inputStream().use { load(it) }
}
val mufiApiKey: String = providers.gradleProperty("mufiApiKey").orNull
    ?: localProps.getProperty("mufi.apiKey", "")

android {
    namespace = "com.acme.wallet"
    compileSdk = 34

    defaultConfig {
        applicationId = "com.acme.wallet"
        minSdk = 26
        targetSdk = 34
        versionCode = 412
        versionName = "4.12.0"
        testInstrumentationRunner = "androidx.test.runner.AndroidJUnitRunner"

        buildConfigField("String", "WALLET_API_URL", "\"https://wallet-api.acme-retail.com/\"")
        buildConfigField("String", "MUFI_API_KEY", "\"$mufiApiKey\"")
        buildConfigField("boolean", "ALLOW_INSECURE_STAGING", "false")
    }

    buildTypes {
        debug {
            applicationIdSuffix = ".debug"
            buildConfigField("String", "WALLET_API_URL", "\"http://wallet-api.staging.acme-retail.com/\"") // expect: MUFI003
            buildConfigField("boolean", "ALLOW_INSECURE_STAGING", "true")
        }
        release {
            isMinifyEnabled = true
            isShrinkResources = true
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"), "proguard-rules.pro")
        }
    }

    flavorDimensions += "env"
    productFlavors {
        create("qa") {
            dimension = "env"
            applicationIdSuffix = ".qa"
            // QA testers install from Firebase App Distribution and have no local.properties
            buildConfigField("String", "MUFI_API_KEY", "\"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX2FuZDQiLCJwZXJtaXNzaW9uIjoiUmVhZCIsImlhdCI6MTcxNDU1MDQwMH0.NOUpRmk9EhSAb9Sv9keMfZoPRG5zm5vV-c3MDBwbT5U\"") // expect: MUFI001
        }
        create("prod") {
            dimension = "env"
        }
    }

    buildFeatures {
        buildConfig = true
        compose = true
    }
    composeOptions {
        kotlinCompilerExtensionVersion = "1.5.14"
    }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    kotlinOptions {
        jvmTarget = "17"
    }
}

dependencies {
    implementation(platform("androidx.compose:compose-bom:2024.06.00"))
    implementation("androidx.compose.material3:material3")
    implementation("androidx.activity:activity-compose:1.9.0")
    implementation("androidx.webkit:webkit:1.11.0")
    implementation("com.squareup.retrofit2:retrofit:2.11.0")
    implementation("com.squareup.retrofit2:converter-moshi:2.11.0")
    implementation("com.squareup.okhttp3:okhttp:4.12.0")
    implementation("com.squareup.okhttp3:logging-interceptor:4.12.0")
    implementation("com.squareup.moshi:moshi-kotlin:1.15.1")
    ksp("com.squareup.moshi:moshi-kotlin-codegen:1.15.1")
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-android:1.8.1")

    testImplementation("junit:junit:4.13.2")
    testImplementation("com.squareup.okhttp3:mockwebserver:4.12.0")
    androidTestImplementation("androidx.test.ext:junit:1.2.1")
}
