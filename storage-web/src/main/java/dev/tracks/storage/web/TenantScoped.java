package dev.tracks.storage.web;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds the caller's tenant for the duration of the annotated method or every method of the
 * annotated bean, from the request's authenticated principal.
 *
 * <p>Put it on JAX-RS resources and on the CDI beans servlets delegate to (servlets themselves are
 * not intercepted). A call without an authenticated principal fails with 401, one whose principal
 * maps to no tenant with 403.
 */
@Inherited
@InterceptorBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface TenantScoped {
}
