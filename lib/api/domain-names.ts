import { displayDomain } from "../domain-display";

/**
 * A service as the API answers it: its domain twice, `domain` as stored and sent to registries
 * (punycode) and `domainUnicode` as people write it; both null when the service names no domain.
 */
export function withDomainNames<S extends { params?: { domain?: string | null } | null }>(service: S): S & { domain: string | null; domainUnicode: string | null } {
  const domain = service.params?.domain || null;
  return { ...service, domain, domainUnicode: domain ? displayDomain(domain) : null };
}
