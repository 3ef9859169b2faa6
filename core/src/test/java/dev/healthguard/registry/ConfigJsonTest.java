package dev.healthguard.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConfigJsonTest {

  static final Descriptor DESCRIPTOR = new Descriptor(ManifestTypes.OCI_CONFIG, "sha256:" + "c".repeat(64), 100);

  private static ImageConfig parse(String json) {
    return ConfigJson.parse(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), DESCRIPTOR);
  }

  private static String parseError(String json) {
    return assertThrows(Json.MalformedException.class, () -> parse(json)).getMessage();
  }

  @ParameterizedTest(name = "[{index}] {0} ns -> {1}")
  @CsvSource(
      nullValues = "-",
      value = {"0, -", "1, 1", "500000000, 1", "1000000000, 1", "1000000001, 2", "30000000000, 30", "300000000000, 300"})
  void healthcheckDurations_areWholeSecondsRoundedUp(long nanos, Integer seconds) {
    ImageConfig c = parse("{'architecture':'amd64','os':'linux','config':{'Healthcheck':{'Test':['CMD','true'],'Interval':" + nanos + "}}}");

    assertEquals(seconds, c.healthcheck().intervalSeconds());
  }

  @Test
  void healthcheck_none_andZeroRetriesInherit() {
    ConfigHealthcheck h = parse("{'architecture':'amd64','os':'linux','config':{'Healthcheck':{'Test':['NONE'],'Retries':0}}}").healthcheck();

    assertTrue(h.isNone());
    assertNull(h.retries());
    assertNull(h.timeoutSeconds());
  }

  @Test
  void healthcheck_startInterval() {
    ConfigHealthcheck h =
        parse("{'architecture':'amd64','os':'linux','config':{'Healthcheck':{'Test':[],'StartInterval':5000000000}}}").healthcheck();

    assertEquals(5, h.startIntervalSeconds());
    assertEquals(List.of(), h.test());
  }

  @Test
  void noConfigObject_meansNoRuntimeDefaults() {
    ImageConfig c = parse("{'architecture':'arm64','os':'linux','variant':'v8'}");

    assertEquals(List.of(), c.env());
    assertEquals(java.util.Optional.empty(), c.path());
    assertEquals(List.of(), c.pathEntries());
    assertNull(c.user());
    assertNull(c.healthcheck());
    assertEquals(new Platform("linux", "arm64", "v8"), c.platform());
    assertEquals(DESCRIPTOR.digest(), c.digest());
  }

  @Test
  void env_lastEntryWins_andValuesMayHoldEquals() {
    ImageConfig c = parse("{'architecture':'amd64','os':'linux','config':{'Env':['A=1','OPTS=-Dx=y','A=2','NOVALUE']}}");

    assertEquals(java.util.Optional.of("2"), c.env("A"));
    assertEquals(java.util.Optional.of("-Dx=y"), c.env("OPTS"));
    assertEquals(java.util.Optional.empty(), c.env("NOVALUE"));
  }

  @Test
  void emptyUser_isTheDefault() {
    assertNull(parse("{'architecture':'amd64','os':'linux','config':{'User':''}}").user());
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{'os':'linux'}                                                               | architecture is missing",
        "{'architecture':'amd64','os':'linux','config':{'Env':'PATH=/bin'}}            | config.Env must be a list, got string",
        "{'architecture':'amd64','os':'linux','config':{'Cmd':[1]}}                    | config.Cmd must be a list of strings",
        "{'architecture':'amd64','os':'linux','config':{'Labels':{'a':1}}}             | config.Labels.a must be a string, got number",
        "{'architecture':'amd64','os':'linux','config':{'Healthcheck':{'Interval':-1}}} | config.Healthcheck.Interval must not be negative",
        "{'architecture':'amd64','os':'linux','config':{'Healthcheck':{'Retries':'3'}}} | config.Healthcheck.Retries must be an integer, got string",
        "{'architecture':'amd64','os':'linux','history':[{'empty_layer':'yes'}]}      | history[0].empty_layer must be true or false",
        "{'architecture':'amd64','architecture':'arm64','os':'linux'}                 | not valid JSON at line 1",
        "{'architecture':'amd64','os':'linux'} {}                                       | not valid JSON",
        "[]                                                                            | it is not a JSON object",
      })
  void hostileConfigs_areRefused_namingTheField(String json, String expected) {
    String message = parseError(json);

    assertTrue(message.contains(expected), message);
  }
}
