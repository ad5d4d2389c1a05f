package org.optbench.plugin;

import java.beans.BeanInfo;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.learning.config.IUpdater;
import org.optbench.optimizer.Hyperparameter;

/**
 * The hyperparameters of an updater class, read from its bean properties: every property with a
 * public getter and setter of a numeric type ({@code double}, {@code float}, {@code int},
 * {@code long} or their boxes) is a hyperparameter, its default the value the public no-argument
 * constructor leaves. DL4J's updater configs are such beans already (Jackson serialises them
 * into the network's JSON the same way).
 *
 * @param updaterClass the class
 * @param hyperparameters the numeric properties in name order, with their defaults; integer
 *     properties accept only integers, others any finite value
 * @param otherProperties names and types of the remaining read-write properties (e.g. a
 *     learning-rate schedule), which a config cannot set
 */
public record BeanProperties(Class<? extends IUpdater> updaterClass,
    List<Hyperparameter> hyperparameters, Map<String, String> otherProperties) {

  private static final Set<Class<?>> INTEGERS = Set.of(int.class, long.class, Integer.class,
      Long.class);
  private static final Set<Class<?>> NUMBERS = Set.of(double.class, float.class, int.class,
      long.class, Double.class, Float.class, Integer.class, Long.class);

  /** Copies the collections. */
  public BeanProperties {
    hyperparameters = List.copyOf(hyperparameters);
    otherProperties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(otherProperties));
  }

  /**
   * Introspects a class.
   *
   * @param type a class, usually loaded by name from a plugin jar
   * @return its properties
   * @throws PluginException if it does not implement {@code IUpdater}, is abstract, has no
   *     public no-argument constructor, or the constructor or a getter throws
   */
  public static BeanProperties of(Class<?> type) {
    if (!IUpdater.class.isAssignableFrom(type)) {
      throw new PluginException(type.getName() + " does not implement "
          + IUpdater.class.getName() + "; an optimizer is a DL4J updater config (IUpdater) with"
          + " its GradientUpdater");
    }
    if (Modifier.isAbstract(type.getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
      throw new PluginException(type.getName() + " is " + (type.isInterface() ? "an interface"
          : Modifier.isAbstract(type.getModifiers()) ? "abstract" : "not public")
          + "; an optimizer class must be public and concrete");
    }
    @SuppressWarnings("unchecked")
    Class<? extends IUpdater> updater = (Class<? extends IUpdater>) type;
    Object instance = newInstance(updater);
    BeanInfo info;
    try {
      info = Introspector.getBeanInfo(type, Object.class);
    } catch (IntrospectionException e) {
      throw new PluginException("cannot read the properties of " + type.getName() + ": "
          + e.getMessage(), e);
    }
    List<Hyperparameter> params = new ArrayList<>();
    Map<String, String> others = new LinkedHashMap<>();
    for (PropertyDescriptor p : info.getPropertyDescriptors()) {
      Method get = p.getReadMethod();
      Method set = p.getWriteMethod();
      if (get == null || set == null) {
        continue;
      }
      Class<?> t = p.getPropertyType();
      if (!NUMBERS.contains(t)) {
        others.put(p.getName(), t.getSimpleName());
        continue;
      }
      Object value = invoke(get, instance);
      double d = value == null ? Double.NaN : ((Number) value).doubleValue();
      // Without a provider only DL4J's own convention is known: an updater that has a learning
      // rate needs it > 0. Other properties are checked to be finite (or integers).
      boolean rate = p.getName().equals("learningRate") && ((IUpdater) instance).hasLearningRate();
      params.add(new Hyperparameter(p.getName(), d, INTEGERS.contains(t)
          ? Hyperparameter.Range.INTEGER
          : rate ? Hyperparameter.Range.POSITIVE : Hyperparameter.Range.FINITE));
    }
    return new BeanProperties(updater, params, others);
  }

  /**
   * A new instance of the class with the given properties set; the others keep the no-argument
   * constructor's values.
   *
   * @param values hyperparameter values by property name; names that are not numeric properties
   *     of the class are ignored (a provider may add hyperparameters of its own, e.g. a weight
   *     decay that becomes a DL4J regularization)
   * @return the configured updater
   * @throws PluginException if the constructor or a setter throws
   */
  public IUpdater bind(Map<String, Double> values) {
    IUpdater updater = newInstance(updaterClass);
    Map<String, PropertyDescriptor> byName = new LinkedHashMap<>();
    try {
      for (PropertyDescriptor p : Introspector.getBeanInfo(updaterClass, Object.class)
          .getPropertyDescriptors()) {
        byName.put(p.getName(), p);
      }
    } catch (IntrospectionException e) {
      throw new PluginException("cannot read the properties of " + updaterClass.getName(), e);
    }
    for (Map.Entry<String, Double> e : values.entrySet()) {
      PropertyDescriptor p = byName.get(e.getKey());
      if (p == null || p.getWriteMethod() == null || !NUMBERS.contains(p.getPropertyType())) {
        continue;
      }
      invoke(p.getWriteMethod(), updater, convert(e.getValue(), p.getPropertyType()));
    }
    return updater;
  }

  /** Boxes a value as the setter's parameter type expects. */
  private static Object convert(double value, Class<?> type) {
    if (type == float.class || type == Float.class) {
      return (float) value;
    }
    if (type == int.class || type == Integer.class) {
      return (int) value;
    }
    if (type == long.class || type == Long.class) {
      return (long) value;
    }
    return value;
  }

  private static <T> T newInstance(Class<T> type) {
    Constructor<T> constructor;
    try {
      constructor = type.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new PluginException(type.getName() + " has no public no-argument constructor;"
          + " optbench creates the updater with it and then sets the configured properties"
          + " (as Jackson does when DL4J restores a checkpoint)");
    }
    try {
      return constructor.newInstance();
    } catch (InvocationTargetException e) {
      throw new PluginException("the no-argument constructor of " + type.getName() + " threw "
          + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new PluginException("cannot create " + type.getName() + ": " + e, e);
    }
  }

  private static Object invoke(Method method, Object target, Object... args) {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw new PluginException(method.getDeclaringClass().getName() + "." + method.getName()
          + " threw " + e.getCause(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new PluginException("cannot call " + method + ": " + e.getMessage(), e);
    }
  }
}
