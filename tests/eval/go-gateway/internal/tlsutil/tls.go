// Package tlsutil builds the TLS settings for outbound calls to Mufi and partners.
//
// Background on why we never ship InsecureSkipVerify: see the postmortem at
// http://wiki.acme-retail.internal/postmortems/2023-11-mitm (internal).
package tlsutil

import (
	"bytes"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
)

// insecureWarning is logged whenever a developer opts out of verification.
const insecureWarning = "TLS verification disabled for outbound calls (dev only)"

// ClientConfig returns the production TLS config, optionally trusting an extra CA bundle.
func ClientConfig(caBundle string) (*tls.Config, error) {
	cfg := &tls.Config{
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: false,
	}
	if caBundle == "" {
		return cfg, nil
	}
	pem, err := os.ReadFile(caBundle)
	if err != nil {
		return nil, fmt.Errorf("reading CA bundle: %w", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, errors.New("CA bundle holds no certificates")
	}
	cfg.RootCAs = pool
	return cfg, nil
}

// Transport returns an http.Transport for the gateway. insecure is only ever true
// in local development behind mitmproxy.
func Transport(caBundle string, insecure bool) (*http.Transport, error) {
	cfg, err := ClientConfig(caBundle)
	if err != nil {
		return nil, err
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = cfg
	if insecure {
		slog.Warn(insecureWarning)
		tr.TLSClientConfig.InsecureSkipVerify = true // expect: MUFI004
	}
	return tr, nil
}

// MitmTransport is what `make dev-proxy` uses; it is never wired in production.
func MitmTransport() *http.Transport {
	return &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		TLSClientConfig: &tls.Config{
			InsecureSkipVerify: true, // expect: MUFI004
		},
	}
}

// PinnedTransport trusts exactly one leaf certificate, identified by its SHA-256
// fingerprint. Used for the loyalty partner, whose certificate is self-signed.
func PinnedTransport(fingerprintHex string) (*http.Transport, error) {
	want, err := hex.DecodeString(fingerprintHex)
	if err != nil {
		return nil, err
	}
	return &http.Transport{
		TLSClientConfig: &tls.Config{
			MinVersion: tls.VersionTLS12,
			// The chain check is replaced by the fingerprint check below.
			InsecureSkipVerify: true, // expect: MUFI004
			VerifyPeerCertificate: func(rawCerts [][]byte, _ [][]*x509.Certificate) error {
				if len(rawCerts) == 0 {
					return errors.New("no peer certificate")
				}
				got := sha256.Sum256(rawCerts[0])
				if !bytes.Equal(got[:], want) {
					return errors.New("peer certificate does not match the pinned fingerprint")
				}
				return nil
			},
		},
	}, nil
}

// IsInsecure reports whether cfg skips verification (used by the /healthz details).
func IsInsecure(cfg *tls.Config) bool {
	return cfg != nil && cfg.InsecureSkipVerify == true
}

// StrictServerConfig is the TLS config of the gateway's own listener.
func StrictServerConfig(certFile, keyFile string) (*tls.Config, error) {
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, err
	}
	return &tls.Config{
		Certificates:       []tls.Certificate{cert},
		MinVersion:         tls.VersionTLS12,
		ClientAuth:         tls.NoClientCert,
		InsecureSkipVerify: false,
	}, nil
}
