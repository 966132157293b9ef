package dev.incidents.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The exported API of a module as text: every public and protected type of every package its module-info
 * exports to everyone, with its public and protected members. Each library module keeps its listing in
 * {@code api/<artifact>.api} and a test compares it with the compiled classes, so that a change to the API
 * shows in review as a change to that file (as japicmp will against released versions).
 */
public final class ApiListing {

  /** Set to {@code true} to write the listing instead of comparing it: {@code -Dincidents.api.update=true}. */
  public static final String UPDATE_PROPERTY = "incidents.api.update";

  private ApiListing() {}

  /**
   * Compares the API of the module compiled into {@code classes} with {@code listing}, or rewrites the listing
   * when {@value #UPDATE_PROPERTY} is {@code true}.
   *
   * @throws AssertionError naming every line that differs
   */
  public static void check(Path classes, Path listing) {
    String actual = of(classes);
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      write(listing, actual);
      return;
    }
    String expected;
    try {
      expected = Files.readString(listing, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError("no API listing at " + listing + "; create it with -D" + UPDATE_PROPERTY
          + "=true and commit it", e);
    }
    if (!expected.equals(actual)) {
      Set<String> was = new LinkedHashSet<>(expected.lines().toList());
      Set<String> is = new LinkedHashSet<>(actual.lines().toList());
      StringBuilder diff = new StringBuilder();
      was.stream().filter(line -> !is.contains(line)).forEach(line -> diff.append("\n  - ").append(line));
      is.stream().filter(line -> !was.contains(line)).forEach(line -> diff.append("\n  + ").append(line));
      throw new AssertionError("the exported API differs from " + listing + ":" + diff + "\nIf the change is "
          + "intended, run the module's tests with -D" + UPDATE_PROPERTY + "=true and commit the listing "
          + "(and say so in CHANGELOG.md).");
    }
  }

  /** The listing of the module compiled into {@code classes} (a directory with a module-info.class). */
  public static String of(Path classes) {
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      module = ModuleDescriptor.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the module descriptor in " + classes, e);
    }
    StringBuilder out = new StringBuilder("module ").append(module.name()).append('\n');
    Set<String> packages = new TreeSet<>();
    module.exports().stream().filter(e -> !e.isQualified()).forEach(e -> packages.add(e.source()));
    for (String pkg : packages) {
      out.append("package ").append(pkg).append('\n');
      for (Class<?> type : types(classes, pkg)) {
        describe(type, out);
      }
    }
    return out.toString();
  }

  private static List<Class<?>> types(Path classes, String pkg) {
    Path dir = classes.resolve(pkg.replace('.', '/'));
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = file.getFileName().toString().replace(".class", "");
        if (name.equals("package-info")) {
          continue;
        }
        // The file name is the binary name: Outer$Inner for a nested type.
        Class<?> type = Class.forName(pkg + "." + name, false, ApiListing.class.getClassLoader());
        if (visible(type)) {
          types.add(type);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("a class compiled into " + classes + " is not on the class path", e);
    }
    types.sort(Comparator.comparing(Class::getName));
    return types;
  }

  /** Public or protected, and so are all the types it is nested in; never anonymous or synthetic. */
  private static boolean visible(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      if (t.isAnonymousClass() || t.isSynthetic() || t.isLocalClass()
          || !(Modifier.isPublic(t.getModifiers()) || Modifier.isProtected(t.getModifiers()))) {
        return false;
      }
    }
    return true;
  }

  private static void describe(Class<?> type, StringBuilder out) {
    out.append("  ").append(type.toGenericString());
    if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum()
        && !type.isRecord()) {
      out.append(" extends ").append(type.getGenericSuperclass().getTypeName());
    }
    if (type.getGenericInterfaces().length > 0) {
      out.append(type.isInterface() ? " extends " : " implements ");
      out.append(String.join(", ", Arrays.stream(type.getGenericInterfaces()).map(t -> t.getTypeName()).toList()));
    }
    if (type.isSealed()) {
      out.append(" permits ").append(String.join(", ",
          Arrays.stream(type.getPermittedSubclasses()).map(Class::getName).sorted().toList()));
    }
    out.append('\n');
    Set<String> members = new TreeSet<>();
    for (Field field : type.getDeclaredFields()) {
      if (shown(field.getModifiers()) && !field.isSynthetic()) {
        members.add("field " + field.toGenericString());
      }
    }
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (shown(constructor.getModifiers()) && !constructor.isSynthetic()) {
        members.add("constructor " + constructor.toGenericString());
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (shown(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
        members.add("method " + method.toGenericString());
      }
    }
    members.forEach(m -> out.append("    ").append(m).append('\n'));
  }

  private static boolean shown(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static void write(Path listing, String text) {
    try {
      Files.createDirectories(listing.toAbsolutePath().getParent());
      Files.writeString(listing, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + listing, e);
    }
  }
}
