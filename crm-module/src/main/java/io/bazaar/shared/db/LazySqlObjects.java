package io.bazaar.shared.db;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.extension.AttachedExtensionHandler;
import org.jdbi.v3.core.extension.ExtensionContext;
import org.jdbi.v3.core.extension.ExtensionFactory;
import org.jdbi.v3.core.extension.ExtensionHandler;
import org.jdbi.v3.core.extension.ExtensionMetadata;
import org.jdbi.v3.core.extension.Extensions;
import org.jdbi.v3.core.extension.HandleSupplier;
import org.jdbi.v3.sqlobject.SqlObjectFactory;

/**
 * Attaches SqlObject DAOs cheaply: a SQL method's handler is built once per application, any other method's
 * when it is first called on the attached DAO.
 *
 * <p>Why: Jdbi's own attach (3.51 to 3.55) builds an invoker, with its own copy of the whole configuration and a
 * warm-up of its binders and mappers, for <em>every</em> method of the DAO each time a DAO is attached to a
 * handle, i.e. for every request. Our DAOs have up to forty methods and a request calls two or three of each,
 * so attaching was the largest single cost in the checkout, search and customer-360 profiles.
 *
 * <p>How: this factory is consulted before Jdbi's SqlObject factory and uses the same (cached) metadata. For a
 * {@code @SqlQuery}/{@code @SqlUpdate}/{@code @SqlBatch} method, Jdbi's attached handler does not depend on the
 * DAO instance: it takes the handle from the {@link HandleSupplier} at each call and builds its statement from
 * the method's configuration, which is derived from the one root configuration (no handle here changes its
 * own). So that handler and its context are built once per method and shared, exactly as Jdbi builds them per
 * attach; each call still runs in the calling handle's context. Default methods and other handlers bind the
 * DAO instance, so those are built per attached DAO, on first call. A DAO attached to a handle is used by one
 * thread, like the handle.
 */
final class LazySqlObjects implements ExtensionFactory {
    private static final String STATEMENT_HANDLER = "org.jdbi.v3.sqlobject.statement.internal.CustomizingStatementHandler";
    private static final SharedHandler NOT_SHARED = new SharedHandler(null, null);

    private final ExtensionFactory sqlObjects;
    private final Map<MethodKey, SharedHandler> shared = new ConcurrentHashMap<>();
    /** Jdbi asks on every attach; its answer (a scan of the type's methods) depends on the type alone. */
    private final ClassValue<Boolean> accepted = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return sqlObjects.accepts(type);
        }
    };

    private record SharedHandler(ExtensionContext context, AttachedExtensionHandler handler) {
    }

    /** A DAO's method (an inherited method may be configured differently by each DAO that extends it). */
    private record MethodKey(Class<?> extensionType, Method method) {
    }

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
        return accepted.get(extensionType);
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
        // The DAO's own copy of the configuration is only needed by a handler that is not shared, so it is
        // made when the first such method is called (most attached DAOs only ever call shared ones).
        ConfigRegistry[] instanceConfig = new ConfigRegistry[1];
        Supplier<ConfigRegistry> instanceConfiguration = () -> {
            if (instanceConfig[0] == null) {
                instanceConfig[0] = metadata.createInstanceConfiguration(config);
            }
            return instanceConfig[0];
        };
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
            Object[] arguments = args == null ? new Object[0] : args;
            SharedHandler common = sharedHandler(extensionType, method, metadata, instanceConfiguration);
            if (common != null) {
                return handleSupplier.invokeInContext(common.context(),
                        () -> common.handler().invoke(handleSupplier, arguments));
            }
            ExtensionMetadata.ExtensionHandlerInvoker invoker = invokers.get(method);
            if (invoker == null) {
                invoker = metadata.createExtensionHandlerInvoker(proxy, method, handleSupplier,
                        instanceConfiguration.get());
                invokers.put(method, invoker);
            }
            return invoker.invoke(arguments);
        };
        return extensionType.cast(Proxy.newProxyInstance(extensionType.getClassLoader(),
                new Class<?>[] {extensionType}, Objects.requireNonNull(handler)));
    }

    /** The method's shared SQL statement handler, or null when its handler depends on the DAO instance. */
    private SharedHandler sharedHandler(Class<?> extensionType, Method method, ExtensionMetadata metadata,
                                        Supplier<ConfigRegistry> instanceConfig) {
        MethodKey key = new MethodKey(extensionType, method);
        SharedHandler found = shared.get(key);
        if (found == null) {
            ExtensionHandler handler = handlerOf(metadata, method);
            if (handler == null || !isStatementHandler(handler.getClass())) {
                found = NOT_SHARED;
            } else {
                ConfigRegistry config = metadata.createMethodConfiguration(method, instanceConfig.get());
                AttachedExtensionHandler attached = handler.attachTo(config, null);
                attached.warm(config);
                found = new SharedHandler(ExtensionContext.forExtensionMethod(config, extensionType, method), attached);
            }
            SharedHandler raced = shared.putIfAbsent(key, found);
            found = raced == null ? found : raced;
        }
        return found == NOT_SHARED ? null : found;
    }

    private static boolean isStatementHandler(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(STATEMENT_HANDLER)) {
                return true;
            }
        }
        return false;
    }

    /** Jdbi keeps each method's handler in the metadata without a getter; read once per method. */
    @SuppressWarnings("unchecked")
    private static ExtensionHandler handlerOf(ExtensionMetadata metadata, Method method) {
        try {
            Field field = ExtensionMetadata.class.getDeclaredField("methodHandlers");
            field.setAccessible(true);
            return ((Map<Method, ExtensionHandler>) field.get(metadata)).get(method);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // another Jdbi version: every handler is then built per attached DAO, as before
        }
    }
}
