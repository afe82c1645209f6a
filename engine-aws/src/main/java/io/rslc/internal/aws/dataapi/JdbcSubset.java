package io.rslc.internal.aws.dataapi;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes a JDBC interface out of a class that has only the methods rslc calls: a proxy that forwards each call to
 * the public method of the same name and parameter types on the implementation, and answers every other method
 * with {@link SQLFeatureNotSupportedException} naming it. JDBC interfaces have hundreds of methods; the Data API
 * connection needs a few dozen, and an unsupported one fails loudly instead of returning a wrong default.
 */
final class JdbcSubset {

    private static final Map<Key, Optional<Method>> TARGETS = new ConcurrentHashMap<>();

    private JdbcSubset() {
    }

    /** {@code impl} seen as {@code type}. */
    static <T> T of(Class<T> type, Object impl) {
        return type.cast(Proxy.newProxyInstance(JdbcSubset.class.getClassLoader(), new Class<?>[] {type},
                (proxy, m, args) -> {
                    Optional<Method> target = TARGETS.computeIfAbsent(new Key(impl.getClass(), m),
                            k -> find(impl.getClass(), m));
                    if (target.isPresent()) {
                        try {
                            return target.get().invoke(impl, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                    if (m.getName().equals("isWrapperFor")) {
                        return false;
                    }
                    throw new SQLFeatureNotSupportedException(type.getSimpleName() + "." + m.getName()
                            + " is not supported over the Redshift Data API (rslc implements only what it calls)");
                }));
    }

    /** Cache key: an interface method, per implementation class. */
    private record Key(Class<?> impl, Method method) {
    }

    private static Optional<Method> find(Class<?> impl, Method m) {
        try {
            Method target = impl.getMethod(m.getName(), m.getParameterTypes());
            target.setAccessible(true);
            return Optional.of(target);
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }
}
