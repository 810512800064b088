package dev.statestore.spi;

import dev.statestore.api.StateStore;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the library: finds the {@link StateStoreProvider} for a component type on the class path and
 * creates a {@link StateStore}.
 *
 * <pre>{@code
 * try (StateStore store = StateStores.open(Path.of("components/statestore.yaml"))) {
 *     store.set("greeting", "hello");
 * }
 * }</pre>
 *
 * <p>Discovery problems are explained: an unknown type lists the types found, two providers of one type name
 * both jars, and an unsupported version lists the supported ones.
 */
public final class StateStores {
    private static final Logger LOG = LoggerFactory.getLogger(StateStores.class);

    private StateStores() {
    }

    /** Creates a store of {@code type} (version {@code v1}) from metadata. */
    public static StateStore create(String type, Map<String, String> metadata) {
        return create(Component.of(type, metadata));
    }

    /** Creates a store for a resolved component. */
    public static StateStore create(Component component) {
        StateStoreProvider provider = provider(component.type());
        if (!provider.versions().contains(component.version())) {
            throw new InvalidComponentException("Unsupported version '" + component.version() + "' of "
                    + component.type() + " in " + component.origin() + ": use one of " + provider.versions() + ".");
        }
        LOG.debug("Creating state store for {} with provider {}", component, provider.getClass().getName());
        Optional<String> keyPrefix = KeyPrefix.of(component);
        Map<String, String> providerMetadata = new LinkedHashMap<>(component.metadata());
        providerMetadata.remove(KeyPrefix.KEY_PREFIX);
        providerMetadata.remove(KeyPrefix.APP_ID);
        StateStore store = provider.create(new Component(component.name(), component.type(), component.version(),
                component.initTimeout(), providerMetadata, component.source()));
        return keyPrefix.<StateStore>map(prefix -> new KeyPrefixStateStore(store, prefix)).orElse(store);
    }

    /** Opens the only component of a Dapr component file. */
    public static StateStore open(Path componentFile) {
        List<Component> components = ComponentFiles.read(componentFile, secretResolvers());
        if (components.size() > 1) {
            throw new InvalidComponentException("Component file " + componentFile + " contains "
                    + components.size() + " components " + names(components)
                    + ": call StateStores.open(file, name) with one of these names.");
        }
        return create(components.get(0));
    }

    /** Opens the component named {@code name} ({@code metadata.name}) of a Dapr component file. */
    public static StateStore open(Path componentFile, String name) {
        List<Component> components = ComponentFiles.read(componentFile, secretResolvers());
        return components.stream().filter(component -> component.name().equals(name)).findFirst()
                .map(StateStores::create)
                .orElseThrow(() -> new InvalidComponentException("Component '" + name + "' not found in "
                        + componentFile + ": it contains " + names(components) + "."));
    }

    /** Returns the provider of each component type on the class path. */
    public static Map<String, StateStoreProvider> providers() {
        Map<String, List<StateStoreProvider>> byType = discover();
        Map<String, StateStoreProvider> providers = new TreeMap<>();
        byType.forEach((type, found) -> providers.put(type, single(type, found)));
        return providers;
    }

    /** Returns the provider of {@code type}, or explains why there is none. */
    public static StateStoreProvider provider(String type) {
        Map<String, List<StateStoreProvider>> byType = discover();
        List<StateStoreProvider> found = byType.get(type);
        if (found == null) {
            throw new InvalidComponentException("No state store provider for component type '" + type
                    + "'. Types on the class path: " + byType.keySet() + ". Add the jar of the provider for '"
                    + type + "' to the class path, or fix the type.");
        }
        return single(type, found);
    }

    private static StateStoreProvider single(String type, List<StateStoreProvider> found) {
        if (found.size() == 1) {
            return found.get(0);
        }
        String list = found.stream().map(provider -> provider.getClass().getName() + " from " + location(provider))
                .collect(Collectors.joining(", "));
        throw new InvalidComponentException("Several providers for component type '" + type + "': " + list
                + ". Remove all but one of these jars from the class path.");
    }

    private static Map<String, List<StateStoreProvider>> discover() {
        Map<String, List<StateStoreProvider>> byType = new TreeMap<>();
        ServiceLoader<StateStoreProvider> loader = ServiceLoader.load(StateStoreProvider.class, classLoader());
        for (var iterator = loader.iterator(); ; ) {
            StateStoreProvider provider;
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                provider = iterator.next();
            } catch (ServiceConfigurationError e) {
                LOG.warn("Skipping a state store provider that failed to load: {}", e.getMessage());
                continue;
            }
            byType.computeIfAbsent(provider.type(), type -> new ArrayList<>()).add(provider);
        }
        return byType;
    }

    private static List<SecretResolver> secretResolvers() {
        List<SecretResolver> resolvers = new ArrayList<>();
        ServiceLoader.load(SecretResolver.class, classLoader()).forEach(resolvers::add);
        FileSecretResolver.configured().ifPresent(resolvers::add);
        resolvers.add(new EnvironmentSecretResolver());
        return resolvers;
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : StateStores.class.getClassLoader();
    }

    private static String location(Object provider) {
        CodeSource source = provider.getClass().getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        return url == null ? "an unknown location" : url.toString();
    }

    private static String names(List<Component> components) {
        return components.stream().map(Component::name).collect(Collectors.toList()).toString();
    }
}
