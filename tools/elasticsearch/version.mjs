// The one place the test cluster's Elasticsearch version is recorded.
//
// Why 9.5.3: it is the newest release of org.elasticsearch.distribution.integ-test-zip:elasticsearch
// that Maven Central served here on 2026-11-23 (9.5.2 and 9.2.0 were checked by hand before it).
// 9.x needs Java 21+, so the harness runs it on the Temurin 25 JDK under /usr/lib/jvm (Debian's
// JDK 17 is too old). Override for one run with ES_AUTHZ_ES_VERSION=<x.y.z>.
export const DEFAULT_ES_VERSION = '9.5.3';

export const DISTRIBUTION = 'integ-test-zip';
export const MAVEN_GROUP = 'org.elasticsearch.distribution.integ-test-zip';
export const MAVEN_ARTIFACT = 'elasticsearch';

/** @returns {string} */
export function esVersion() {
  const v = process.env.ES_AUTHZ_ES_VERSION?.trim();
  if (v && !/^\d+\.\d+\.\d+$/.test(v)) {
    throw new Error(`ES_AUTHZ_ES_VERSION must be an exact version like 9.5.3 (got "${v}"): Maven version ranges do not work here.`);
  }
  return v || DEFAULT_ES_VERSION;
}

/** Java major version the given ES version needs. */
export function requiredJavaMajor(version) {
  const major = Number(version.split('.')[0]);
  return major >= 9 ? 21 : 17;
}
