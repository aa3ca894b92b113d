package io.apicurio.common.apps.config;

/**
 * The categories that Apicurio Registry 3.0.9 files its configuration properties under (the constants its classes
 * name in {@link Info}). Its module io.apicurio:apicurio-registry-config-definitions:3.0.9 is not served; the
 * served 0.2.7.Final of apicurio-common-app-components-config-definitions has the other classes of this package.
 */
public enum ConfigPropertyCategory {
    CATEGORY_API,
    CATEGORY_AUTH,
    CATEGORY_CACHE,
    CATEGORY_CCOMPAT,
    CATEGORY_DOWNLOAD,
    CATEGORY_GITOPS,
    CATEGORY_HEALTH,
    CATEGORY_IMPORT,
    CATEGORY_LIMITS,
    CATEGORY_REDIRECTS,
    CATEGORY_REST,
    CATEGORY_SEMVER,
    CATEGORY_STORAGE,
    CATEGORY_SYSTEM,
    CATEGORY_UI
}
