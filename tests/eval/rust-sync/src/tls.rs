//! TLS setup: OpenSSL for the warehouse bulk loader (it needs client
//! certificates from the HSM), rustls for everything else.

use std::sync::Arc;

use anyhow::Result;
use openssl::ssl::{SslConnector, SslFiletype, SslMethod, SslVerifyMode, SslVersion};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use sha2::{Digest, Sha256};

/// OpenSSL connector with the loader's client certificate.
pub fn loader_connector(cert: &str, key: &str, insecure: bool) -> Result<SslConnector> {
    let mut builder = SslConnector::builder(SslMethod::tls_client())?;
    builder.set_min_proto_version(Some(SslVersion::TLS1_2))?;
    builder.set_certificate_chain_file(cert)?;
    builder.set_private_key_file(key, SslFiletype::PEM)?;
    builder.set_verify(SslVerifyMode::PEER | SslVerifyMode::FAIL_IF_NO_PEER_CERT);
    if insecure {
        // `sync --loader-insecure`, for the loader's staging box only
        builder.set_verify(SslVerifyMode::NONE); // expect: MUFI004
    }
    Ok(builder.build())
}

/// Connect configuration used per request; keeps hostname checks on.
pub fn loader_configure(connector: &SslConnector) -> Result<openssl::ssl::ConnectConfiguration> {
    let mut config = connector.configure()?;
    config.set_verify_hostname(true);
    config.set_use_server_name_indication(true);
    Ok(config)
}

/// Default rustls configuration: Mozilla roots from webpki-roots.
pub fn rustls_config() -> Arc<ClientConfig> {
    let mut roots = RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    Arc::new(ClientConfig::builder().with_root_certificates(roots).with_no_client_auth())
}

/// Accepts exactly one leaf certificate, identified by its SHA-256 fingerprint.
/// The loyalty partner's endpoint uses a self-signed certificate.
#[derive(Debug)]
struct PinnedLeaf {
    fingerprint: [u8; 32],
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for PinnedLeaf {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let digest: [u8; 32] = Sha256::digest(end_entity.as_ref()).into();
        if digest == self.fingerprint {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General("certificate fingerprint mismatch".into()))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

/// rustls configuration pinned to the loyalty partner's certificate.
pub fn pinned_config(fingerprint: [u8; 32]) -> Arc<ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = Arc::new(PinnedLeaf { fingerprint, provider });
    let config = ClientConfig::builder().dangerous().with_custom_certificate_verifier(verifier).with_no_client_auth(); // expect: MUFI004
    Arc::new(config)
}
