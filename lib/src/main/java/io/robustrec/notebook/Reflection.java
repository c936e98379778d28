package io.robustrec.notebook;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/** Small reflection helpers shared by the kernel adapters (package-private). */
final class Reflection {
    private Reflection() {
    }

    /** Loads a class by name from this library's loader or the context loader; null when absent. */
    static Class<?> findClass(String name) {
        ClassLoader[] loaders = {Reflection.class.getClassLoader(), Thread.currentThread().getContextClassLoader(),
                ClassLoader.getSystemClassLoader()};
        for (ClassLoader loader : loaders) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next loader
            }
        }
        return null;
    }

    /** Finds a public method by name whose parameters accept the given argument types. */
    static Method findMethod(Class<?> type, String name, Class<?>... argTypes) {
        for (Method m : type.getMethods()) {
            if (!m.getName().equals(name) || m.getParameterCount() != argTypes.length) {
                continue;
            }
            Class<?>[] params = m.getParameterTypes();
            boolean ok = true;
            for (int i = 0; i < params.length; i++) {
                if (!params[i].isAssignableFrom(argTypes[i])) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return m;
            }
        }
        throw new IllegalStateException("no public method " + name + " accepting " + argTypes.length
                + " argument(s) of the given types in " + type.getName());
    }

    /** Finds a public static method by name and exact parameter count. */
    static Method findStatic(Class<?> type, String name, int parameterCount) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == parameterCount
                    && Modifier.isStatic(m.getModifiers())) {
                return m;
            }
        }
        throw new IllegalStateException("no public static method " + name + "/" + parameterCount + " in "
                + type.getName());
    }

    /** Invokes and unwraps the target exception so errors in the kernel show their real cause. */
    static Object invoke(Method m, Object target, Object... args) {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("call to " + m + " failed", cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + m, e);
        }
    }
}
