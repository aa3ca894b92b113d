package io.apicurio.common.apps.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documentation of a configuration property, in the shape Apicurio Registry 3.0.9's classes use it (a
 * {@link ConfigPropertyCategory} category, studioAvailableSince): the served 0.2.7.Final of this annotation has a
 * String category, so it is removed from the application (application.properties) and this one takes its place.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface Info {
    ConfigPropertyCategory category() default ConfigPropertyCategory.CATEGORY_SYSTEM;

    String description() default "";

    String availableSince() default "";

    String registryAvailableSince() default "";

    String studioAvailableSince() default "";

    String[] seeAlso() default {};

    String[] dependsOn() default {};
}
