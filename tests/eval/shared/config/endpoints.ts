/**
 * Service endpoints per environment.
 *
 * Local development uses the docker-compose stack; plain `http://` is fine
 * there because traffic never leaves the machine. Everything else must be
 * https (policy: http://wiki.acme-retail.com/security/tls, internal).
 */
export type Env = 'local' | 'docker' | 'test' | 'staging' | 'production';

export interface Endpoints {
  mufi: string;
  shopApi: string;
  auth: string;
  mail: string;
  metrics?: string;
}

export const ENDPOINTS: Record<Env, Endpoints> = {
  local: {
    mufi: 'http://localhost:4010', // prism mock of the Mufi API
    shopApi: 'http://127.0.0.1:8787',
    auth: 'http://auth.localhost:9000',
    mail: 'http://[::1]:8025', // mailpit
    metrics: 'http://0.0.0.0:9464/metrics',
  },
  docker: {
    mufi: 'http://mufi-mock:4010',
    shopApi: 'http://shop-api:8787',
    auth: 'http://host.docker.internal:9000',
    mail: 'http://mailpit.local:8025',
    metrics: 'http://otel.internal:9464/metrics',
  },
  test: {
    mufi: 'http://mufi.test',
    shopApi: 'http://shop.test',
    auth: 'http://auth.example',
    mail: 'http://mail.example.com',
  },
  staging: {
    mufi: 'https://dev.api.mufi.app',
    shopApi: 'https://staging-api.acme-retail.com',
    auth: 'http://auth.staging.acme-retail.com', // expect: MUFI003
    mail: 'https://mail.staging.acme-retail.com',
    metrics: 'https://metrics.staging.acme-retail.com',
  },
  production: {
    mufi: 'https://api.mufi.app',
    shopApi: 'https://api.acme-retail.com',
    auth: 'https://auth.acme-retail.com',
    mail: 'https://mail.acme-retail.com',
  },
};

/** Used by the status page when DNS for the https endpoint failed (INC-2023-17). */
export const MUFI_FALLBACK_URL = 'http://api.mufi.app'; // expect: MUFI003

export const MUFI_DASHBOARD = 'https://my.mufi.app';
export const MUFI_DOCS = 'https://docs.mufi.app';

// Namespaces used when rendering the Atom changelog, SVG badges and the
// SOAP bridge. These are identifiers, not URLs that get fetched.
export const XML_NS = {
  atom: 'http://www.w3.org/2005/Atom',
  svg: 'http://www.w3.org/2000/svg',
  xlink: 'http://www.w3.org/1999/xlink',
  dc: 'http://purl.org/dc/elements/1.1/',
  xmp: 'http://ns.adobe.com/xap/1.0/',
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  foaf: 'http://xmlns.com/foaf/0.1/',
} as const;

export const JSON_SCHEMA_ID = 'http://json-schema.org/draft-07/schema#';
export const SCHEMA_ORG_CONTEXT = 'http://schema.org';

export const WEBHOOK_TARGETS = {
  slack: 'https://hooks.slack.com/services/T0000000/B0000000/XXXXXXXXXXXXXXXXXXXXXXXX',
  partnerCrm: 'http://hooks.partner-crm.io/acme/wallet-events', // expect: MUFI003
  legacyErp: 'http://erp.acme-retail.com:8080/api/orders', // expect: MUFI003
  // Kiosk printers on the store LAN have no TLS stack; accepted in SEC-97.
  kioskPrinter: 'http://printer-gw.acme-retail.com/print', // mufi-lsp: ignore MUFI003
};

export function endpointsFor(env: string | undefined): Endpoints {
  switch (env) {
    case 'production':
    case 'staging':
    case 'test':
    case 'docker':
      return ENDPOINTS[env];
    default:
      return ENDPOINTS.local;
  }
}

export function devServerUrl(port = 5173): string {
  return `http://localhost:${port}`;
}

export function assertSecure(url: string, env: Env): void {
  if ((env === 'staging' || env === 'production') && url.startsWith('http://')) {
    throw new Error(`insecure URL configured for ${env}: ${url}`);
  }
}

export function toHttps(url: string): string {
  return url.startsWith('http://') ? url.replace('http://', 'https://') : url;
}
