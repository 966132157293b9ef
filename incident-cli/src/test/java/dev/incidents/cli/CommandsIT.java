package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.IncidentStores;
import dev.incidents.cli.IncidentProcess.Result;
import dev.incidents.spi.IncidentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command and every exit status of docs/CONTRACT.md section 9, each as a separate process running the jar in a
 * fresh working directory, so the default store {@code mapdb:./incidents.db} is a new file there.
 */
class CommandsIT {

  @TempDir
  Path dir;

  private IncidentProcess incident() {
    return IncidentProcess.in(dir);
  }

  @Test
  void createPrintsTheResponseKeepsTheIncidentInTheDefaultStoreAndSaysNothingElse() {
    Result created = incident().input("{\"title\": \"Checkout is down\", \"severity\": 1}").run("create");

    assertThat(created.exit()).as("%s", created).isZero();
    assertThat(created.line()).startsWith("{\"incident\":{\"id\":\"don:core:local:devo/default:incident/1\","
        + "\"display_id\":\"INC-1\",\"title\":\"Checkout is down\"")
        .contains("\"severity\":{\"id\":1,\"label\":\"Sev1\",\"ordinal\":1}",
            "\"created_by\":{\"type\":\"dev_user\",\"id\":\"don:identity:local:devo/default:devu/1\"");
    assertThat(created.stderr()).as("stderr is for messages to the user, and there are none").isEmpty();
    assertThat(dir.resolve("incidents.db")).isRegularFile();

    Result got = incident().run("get", "INC-1");
    assertThat(got.exit()).isZero();
    assertThat(got.line()).isEqualTo(created.line());
    assertThat(incident().run("get", "don:core:local:devo/default:incident/1").line()).isEqualTo(created.line());
  }

  @Test
  void anIdempotencyKeyReplaysAnEqualRequestAndRejectsADifferentOneWithExit5() throws IOException {
    Files.writeString(dir.resolve("request.json"), "{\"title\": \"Payments are slow\"}");
    Files.writeString(dir.resolve("other.json"), "{\"title\": \"Payments are down\"}");

    Result first = incident().run("create", "--file", "request.json", "--idempotency-key", "retry-42");
    Result retry = incident().input("{ \"title\" : \"Payments are slow\" }").run("create", "--idempotency-key", "retry-42");
    Result conflict = incident().run("create", "--file", "other.json", "--idempotency-key", "retry-42");

    assertThat(first.exit()).isZero();
    assertThat(retry.exit()).isZero();
    assertThat(retry.line()).isEqualTo(first.line());
    assertThat(conflict.exit()).as("%s", conflict).isEqualTo(5);
    assertThat(conflict.line()).startsWith("{\"type\":\"conflict\"");
    assertThat(incident().run("list").line()).contains("INC-1").doesNotContain("INC-2");
  }

  @Test
  void aRejectedRequestExits3WithEveryViolationInTheErrorBodyOnStdout() {
    Result rejected = incident().input("{\"severity\": \"1\", \"colour\": \"red\"}").run("create");

    assertThat(rejected.exit()).as("%s", rejected).isEqualTo(3);
    assertThat(rejected.line()).startsWith("{\"type\":\"missing_required_field\"")
        .contains("\"field_name\":\"severity\"", "\"field_name\":\"colour\"");
    assertThat(rejected.stderr()).isEmpty();
    assertThat(incident().input("not json").run("create").line()).startsWith("{\"type\":\"parse_error\"");
  }

  @Test
  void sourceIsForbiddenToADevUserWithExit6AndAllowedToASystemUser() {
    String request = "{\"title\": \"Disk full\", \"source\": 1}";

    Result forbidden = incident().input(request).run("create");
    Result allowed = incident().input(request).run("--actor", "SYSU-1", "create");

    assertThat(forbidden.exit()).as("%s", forbidden).isEqualTo(6);
    assertThat(forbidden.line()).startsWith("{\"type\":\"forbidden\"").contains("\"field_name\":\"source\"");
    assertThat(allowed.exit()).isZero();
    assertThat(allowed.line()).contains("\"source\":{\"id\":1,\"label\":\"Alert\"", "\"display_id\":\"SYSU-1\"");
  }

  @Test
  void getOfAMissingIncidentExits4AndOfAMalformedIdExits3() {
    incident().input("{\"title\": \"the only one\"}").run("create");
    Result missing = incident().run("get", "INC-7");
    Result malformed = incident().run("get", "INC-x");

    assertThat(missing.exit()).as("%s", missing).isEqualTo(4);
    assertThat(missing.line()).startsWith("{\"type\":\"not_found\"");
    assertThat(malformed.exit()).as("%s", malformed).isEqualTo(3);
    assertThat(malformed.line()).contains("\"field_name\":\"id\"");
  }

  @Test
  void listPagesNewestFirstThroughNextCursor() {
    incident().input("{\"title\": \"one\"}\n{\"title\": \"two\"}\n{\"title\": \"three\"}\n").run("create", "--jsonl");

    Result first = incident().run("list", "--limit", "2");
    Matcher cursor = Pattern.compile("\"next_cursor\":\"([^\"]+)\"").matcher(first.line());
    assertThat(cursor.find()).as("a next_cursor in %s", first).isTrue();
    Result second = incident().run("list", "--limit", "2", "--cursor", cursor.group(1));

    assertThat(first.exit()).isZero();
    assertThat(first.line()).startsWith("{\"incidents\":[{\"id\":\"don:core:local:devo/default:incident/3\"")
        .contains("INC-2").doesNotContain("INC-1");
    assertThat(second.exit()).isZero();
    assertThat(second.line()).contains("INC-1").doesNotContain("INC-2", "next_cursor");
    assertThat(incident().run("list").line()).contains("INC-3", "INC-2", "INC-1");
  }

  @Test
  void aLimitOutsideItsRangeOrAForeignCursorIsARejectedRequest() {
    incident().input("{\"title\": \"the only one\"}").run("create");
    Result zero = incident().run("list", "--limit", "0");
    Result word = incident().run("list", "--limit", "abc");
    Result cursor = incident().run("list", "--cursor", "not-a-cursor");

    assertThat(zero.exit()).isEqualTo(3);
    assertThat(zero.line()).startsWith("{\"type\":\"value_not_permitted\"").contains("\"field_name\":\"limit\"");
    // Not a usage error: the library's rule, answered as the API answers a list body with "limit": "abc".
    assertThat(word.exit()).isEqualTo(3);
    assertThat(word.line()).startsWith("{\"type\":\"unexpected_json_type\"").contains("\"field_name\":\"limit\"");
    assertThat(cursor.exit()).isEqualTo(3);
    assertThat(cursor.line()).contains("\"field_name\":\"cursor\"");
  }

  @Test
  void tenantsDoNotSeeEachOtherAndAMalformedTenantOrActorIsARejectedRequest() {
    incident().input("{\"title\": \"acme's\"}").run("--tenant", "acme", "create");

    Result other = incident().run("--tenant", "globex", "get", "INC-1");
    Result badTenant = incident().run("--tenant", "acme corp", "list");
    Result badActor = incident().input("{\"title\": \"x\"}").run("--actor", "someone", "create");

    assertThat(incident().run("--tenant", "acme", "get", "INC-1").exit()).isZero();
    assertThat(other.exit()).isEqualTo(4);
    assertThat(badTenant.exit()).as("%s", badTenant).isEqualTo(3);
    assertThat(badTenant.line()).contains("\"field_name\":\"tenant\"");
    assertThat(badActor.exit()).as("%s", badActor).isEqualTo(3);
    assertThat(badActor.line()).contains("\"field_name\":\"actor\"");
  }

  @Test
  void globalOptionsGoBeforeOrAfterTheCommand() {
    Result after = incident().input("{\"title\": \"after\"}").run("create", "--tenant", "acme", "--actor", "SYSU-3");
    Result before = incident().input("{\"title\": \"before\"}").run("--tenant", "acme", "create");

    assertThat(after.exit()).as("%s", after).isZero();
    assertThat(after.line()).contains("\"id\":\"don:core:local:devo/acme:incident/1\"",
        "\"created_by\":{\"type\":\"sys_user\",\"id\":\"don:identity:local:devo/acme:sysu/3\"");
    assertThat(before.line()).contains("\"id\":\"don:core:local:devo/acme:incident/2\"");
    assertThat(incident().run("list", "--tenant", "acme").line()).isEqualTo(incident().run("--tenant", "acme", "list").line())
        .contains("INC-2", "INC-1");
    assertThat(incident().run("get", "INC-1", "--store", "mapdb:./incidents.db", "--tenant", "acme").exit()).isZero();
    assertThat(incident().run("list").line()).as("the default tenant").isEqualTo("{\"incidents\":[]}");
    assertThat(incident().run("--help").stdout()).contains("go before or after the command");
  }

  @ParameterizedTest
  @ValueSource(strings = {"get INC-1", "list"})
  void readingCommandsNeverCreateAStoreAndAMissingOneExits1NamingIt(String command) throws IOException {
    Path missing = dir.resolve("mistyped/incidents.db");
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.addAll(List.of("--store", "mapdb:mistyped/incidents.db"));

    Result mistyped = incident().run(args.toArray(String[]::new));
    Result defaultStore = incident().run(command.split(" "));

    assertThat(mistyped.exit()).as("%s", mistyped).isEqualTo(1);
    assertThat(mistyped.stdout()).as("there was no request to answer").isEmpty();
    assertThat(mistyped.stderr()).isEqualTo("incident: cannot open the store: service_unavailable: there is no incident "
        + "store at " + missing + " (no such directory: " + missing.getParent() + "); it was opened to read an existing "
        + "store, so nothing was created\n");
    assertThat(defaultStore.exit()).isEqualTo(1);
    assertThat(defaultStore.stderr()).contains("there is no incident store at " + dir.resolve("incidents.db")
        + " (no such file)");
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).as("what the commands left").allMatch(n -> n.startsWith("."));
    }
  }

  @Test
  void schemasRegisterTheTenantsCustomFieldsBeforeTheCommand() throws IOException {
    Files.writeString(dir.resolve("fragments.json"), """
        [{"type": "tenant_fragment", "fields": [
          {"name": "region", "field_type": "enum", "allowed_values": ["eu", "us"], "is_required": true}]}]
        """);
    String request = "{\"title\": \"EU checkout\", \"custom_schema_spec\": {\"tenant_fragment\": true, "
        + "\"validate_required_fields\": true}, \"custom_fields\": {\"tnt__region\": \"eu\"}}";

    Result created = incident().input(request).run("--tenant", "acme", "--schemas", "fragments.json", "create");
    Result unregistered = incident().input(request).run("--tenant", "acme", "create");
    Result outside = incident().input(request.replace("\"eu\"}", "\"mars\"}"))
        .run("--tenant", "acme", "--schemas", "fragments.json", "create");

    assertThat(created.exit()).as("%s", created).isZero();
    assertThat(created.line()).contains("\"custom_fields\":{\"tnt__region\":\"eu\"}",
        "\"custom_schema_fragments\":[\"don:core:local:devo/acme:tenant_fragment/");
    assertThat(unregistered.exit()).as("registrations are not stored: %s", unregistered).isEqualTo(3);
    assertThat(outside.exit()).isEqualTo(3);
    assertThat(outside.line()).startsWith("{\"type\":\"invalid_enum_value\"");
  }

  @Test
  void rejectedSchemaFragmentsExit3WithTheirErrorBodyAndRunNoCommand() throws IOException {
    Files.writeString(dir.resolve("fragments.json"),
        "{\"type\": \"tenant_fragment\", \"fields\": [{\"name\": \"Region\", \"field_type\": \"int\"}, "
            + "{\"name\": \"team__lead\", \"field_type\": \"text\"}]}");

    Result rejected = incident().input("{\"title\": \"x\"}").run("--schemas", "fragments.json", "create");

    assertThat(rejected.exit()).isEqualTo(3);
    assertThat(rejected.line()).startsWith("{\"type\":\"value_not_permitted\"")
        .contains("fields[0].name\"", "fields[1].name\"", "got 'team__lead'");
    assertThat(rejected.stderr()).contains("incident: the fragments in --schemas fragments.json were rejected");
    assertThat(incident().run("list").line()).isEqualTo("{\"incidents\":[]}");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "bogus",
      "--bogus list",
      "create --bogus",
      "get",
      "get INC-1 INC-2",
      "create --jsonl --idempotency-key k",
      "create --idempotency-prefix p",
      "create --file missing.json",
      "create --file .",
      "--schemas missing.json list",
      "--store nosuch:x list",
      "--store mapdb: list",
      "--store memory: --store-user app list"})
  void usageErrorsExit2WithTheProblemOnStderrAndNothingOnStdout(String args) {
    Result result = incident().run(args.isEmpty() ? new String[0] : args.split(" "));

    assertThat(result.exit()).as("%s", result).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).startsWith("incident: ").contains("--help");
    assertThat(dir.resolve("incidents.db")).as("a usage error touches no store").doesNotExist();
  }

  @Test
  void usageErrorsSayWhatIsWrong() {
    assertThat(incident().run("--store", "nosuch:x", "list").stderr())
        .contains("incident: no store provider accepts 'nosuch:x'", "mapdb");
    assertThat(incident().run("create", "--file", "missing.json").stderr())
        .contains("incident: cannot read --file missing.json: no such file");
    assertThat(incident().run("crate").stderr()).contains("Did you mean: incident create");
    assertThat(incident().env("INCIDENT_STORE_PASSWORD", "secret").run("--store", "memory:", "list").stderr())
        .as("the password comes from the environment").contains("takes no options, got [password]");
  }

  @Test
  void helpForEveryCommandAndTheVersion() {
    Result top = incident().run("--help");
    assertThat(top.exit()).isZero();
    assertThat(top.stdout()).contains("Usage: incident [-hV] [--store=URL]", "mapdb:./incidents.db", "mapdb:memory",
        "jdbc:postgresql://", "IncidentStoreProvider", "Exit status:", "Examples:", "create", "get", "list");
    for (String command : new String[] {"create", "get", "list"}) {
      Result help = incident().run(command, "--help");
      assertThat(help.exit()).isZero();
      assertThat(help.stdout()).startsWith("Usage: incident " + command).contains("Exit status:", "Example");
      assertThat(incident().run("help", command).stdout()).isEqualTo(help.stdout());
    }
    assertThat(incident().run("create", "--help").stdout()).contains("--jsonl", "--idempotency-prefix=P", "P-k");
    Result version = incident().run("--version");
    assertThat(version.exit()).isZero();
    assertThat(version.stdout()).isEqualTo("incident " + System.getProperty("incident.version") + "\n");
  }

  @Test
  void mapdbMemoryStartsEmptyOnEveryInvocation() {
    Result created = incident().input("{\"title\": \"gone soon\"}").run("--store", "mapdb:memory", "create");

    assertThat(created.exit()).isZero();
    assertThat(incident().run("--store", "mapdb:memory", "list").line()).isEqualTo("{\"incidents\":[]}");
    assertThat(dir.resolve("incidents.db")).doesNotExist();
  }

  @Test
  void aStoreInUseByAnotherProcessExits1WithTheReasonOnStderr() {
    try (IncidentStore held = IncidentStores.open("mapdb:" + dir.resolve("incidents.db"))) {
      Result result = incident().run("list");

      assertThat(result.exit()).as("%s", result).isEqualTo(1);
      assertThat(result.stdout()).isEmpty();
      assertThat(result.stderr()).startsWith("incident: cannot open the store: ")
          .contains("is in use by another process (pid " + ProcessHandle.current().pid() + ")").hasLineCount(1);
    }
  }

  @Test
  void aStoreFailureExits1WithTheErrorBodyOnStdoutAndTheMessageOnStderr() {
    Result result = incident().withTestStores().input("{\"title\": \"x\"}").run("--store", "failing:0", "create");

    assertThat(result.exit()).as("%s", result).isEqualTo(1);
    assertThat(result.line()).startsWith("{\"type\":\"service_unavailable\"");
    assertThat(result.stderr()).startsWith("incident: service_unavailable: ").contains("the disk is full");
  }
}
