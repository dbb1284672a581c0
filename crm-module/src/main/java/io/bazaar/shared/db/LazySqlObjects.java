package io.bazaar.shared.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.extension.ExtensionFactory;
import org.jdbi.v3.core.extension.ExtensionMetadata;
import org.jdbi.v3.core.extension.Extensions;
import org.jdbi.v3.core.extension.HandleSupplier;
import org.jdbi.v3.sqlobject.SqlObjectFactory;

/**
 * Attaches SqlObject DAOs whose method handlers are built when a method is first called, not all at attach.
 *
 * <p>Why: Jdbi's own attach (3.51 to 3.55) builds an invoker, with its own copy of the whole configuration, for
 * <em>every</em> method of the DAO each time a DAO is attached to a handle, i.e. for every request. Our DAOs have
 * up to forty methods and a request calls two or three of each, so attach was the largest single cost in the
 * checkout and customer-360 profiles. This factory is consulted before Jdbi's SqlObject factory, uses the same
 * (cached) metadata and the same invokers, and only creates them lazily; behaviour is otherwise Jdbi's.
 * A DAO attached to a handle is used by one thread, like the handle.
 */
final class LazySqlObjects implements ExtensionFactory {
    private final ExtensionFactory sqlObjects;

    private LazySqlObjects(ExtensionFactory sqlObjects) {
        this.sqlObjects = sqlObjects;
    }

    /** Registers the lazy factory in front of the SqlObject factory (the SqlObject plugin must be installed). */
    static void install(Extensions extensions) {
        ExtensionFactory sqlObjects = extensions.findFactory(SqlObjectFactory.class)
                .orElseThrow(() -> new IllegalStateException("install the SqlObject plugin first"));
        extensions.register(new LazySqlObjects(sqlObjects));
    }

    @Override
    public boolean accepts(Class<?> extensionType) {
        return sqlObjects.accepts(extensionType);
    }

    @Override
    public Set<FactoryFlag> getFactoryFlags() {
        // Jdbi calls attach() below directly instead of building its own proxy.
        return EnumSet.of(FactoryFlag.DONT_USE_PROXY);
    }

    @Override
    public <E> E attach(Class<E> extensionType, HandleSupplier handleSupplier) {
        ConfigRegistry config = handleSupplier.getConfig();
        Extensions extensions = config.get(Extensions.class);
        extensions.onCreateProxy();
        ExtensionMetadata metadata = extensions.findMetadata(extensionType, sqlObjects);
        ConfigRegistry instanceConfig = metadata.createInstanceConfiguration(config);
        Map<Method, ExtensionMetadata.ExtensionHandlerInvoker> invokers = new HashMap<>();
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "Jdbi SqlObject " + extensionType.getName() + "@"
                            + Integer.toHexString(System.identityHashCode(proxy));
                    default -> throw new UnsupportedOperationException(method.toString());
                };
            }
            ExtensionMetadata.ExtensionHandlerInvoker invoker = invokers.get(method);
            if (invoker == null) {
                invoker = metadata.createExtensionHandlerInvoker(proxy, method, handleSupplier, instanceConfig);
                invokers.put(method, invoker);
            }
            return invoker.invoke(args);
        };
        return extensionType.cast(Proxy.newProxyInstance(extensionType.getClassLoader(),
                new Class<?>[] {extensionType}, Objects.requireNonNull(handler)));
    }
}
