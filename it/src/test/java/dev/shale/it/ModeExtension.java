package dev.shale.it;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/** Runs a {@link BothModes} test once per {@link Mode}, and stops its servers afterwards. */
final class ModeExtension implements TestTemplateInvocationContextProvider, AfterEachCallback {

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getRequiredTestMethod().isAnnotationPresent(BothModes.class);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    String only = System.getProperty("shale.it.modes", "");
    return Arrays.stream(Mode.values())
        .filter(m -> only.isBlank() || only.toUpperCase(Locale.ROOT).contains(m.name()))
        .map(ModeExtension::invocation);
  }

  private static TestTemplateInvocationContext invocation(Mode mode) {
    return new TestTemplateInvocationContext() {
      @Override
      public String getDisplayName(int index) {
        return "[" + mode.name().toLowerCase(Locale.ROOT) + "]";
      }

      @Override
      public List<Extension> getAdditionalExtensions() {
        return List.of(
            new ParameterResolver() {
              @Override
              public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
                return p.getParameter().getType() == Mode.class;
              }

              @Override
              public Object resolveParameter(ParameterContext p, ExtensionContext e) {
                return mode;
              }
            });
      }
    };
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Mode.closeAll();
  }
}
