package dev.incidents.cli;

import dev.incidents.events.EventType;
import dev.incidents.webhooks.WebhookEndpoint;
import dev.incidents.webhooks.WebhookEndpoints;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code incident webhook add|list|remove}: the webhook endpoints of --tenant. */
@Command(
    name = "webhook",
    description = {"Registers, lists and removes the webhook endpoints of --tenant (docs/EVENTS.md). "
        + "incident relay delivers to them."},
    subcommands = {WebhookCommand.Add.class, WebhookCommand.ListEndpoints.class, WebhookCommand.Remove.class},
    footerHeading = "%nExamples:%n",
    footer = {"  incident --tenant acme webhook add --url https://hooks.example.com/in --types incident_created",
        "  incident --tenant acme webhook list", "  incident webhook remove ep_0123456789abcdef"})
final class WebhookCommand implements Callable<Integer> {

  @ParentCommand
  IncidentCommand parent;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "missing a webhook command: add, list or remove");
  }

  /** {@code webhook add}. */
  @Command(name = "add", description = {"Registers an endpoint for --tenant and prints it as JSON, with its secret "
      + "(shown only here). It receives the events stored from now on."})
  static final class Add implements Callable<Integer> {
    @ParentCommand
    WebhookCommand webhook;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "Where events are POSTed (http or https).")
    String url;

    @Option(names = "--secret", paramLabel = "SECRET", description = "whsec_ and base64 of 24 to 64 bytes. Default: a "
        + "new random one.")
    String secret;

    @Option(names = "--types", split = ",", paramLabel = "TYPE", description = "incident_created, incident_updated, "
        + "incident_deleted. Default: all three.")
    List<String> types;

    @Override
    public Integer call() {
      EnumSet<EventType> wanted = EnumSet.noneOf(EventType.class);
      try {
        if (types == null) {
          wanted = EnumSet.allOf(EventType.class);
        } else {
          for (String type : types) {
            wanted.add(EventType.fromWireName(type));
          }
        }
        URI target = URI.create(url);
        try (Session session = webhook.parent.openSession(IncidentCommand.Access.CREATE)) {
          WebhookEndpoint endpoint = endpoints(session).add(session.tenant(), target, secret, wanted);
          Webhooks.print(webhook.parent.io().out(), endpoint, true);
          return ExitCodes.SUCCESS;
        }
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage(), e);
      }
    }
  }

  /** {@code webhook list}. */
  @Command(name = "list", description = {"Prints the endpoints of --tenant, one JSON line each, without secrets."})
  static final class ListEndpoints implements Callable<Integer> {
    @ParentCommand
    WebhookCommand webhook;

    @Override
    public Integer call() {
      try (Session session = webhook.parent.openSession(IncidentCommand.Access.READ)) {
        for (WebhookEndpoint endpoint : endpoints(session).list(session.tenant())) {
          Webhooks.print(webhook.parent.io().out(), endpoint, false);
        }
        return ExitCodes.SUCCESS;
      }
    }
  }

  /** {@code webhook remove ID}. */
  @Command(name = "remove", description = {"Removes an endpoint: nothing more is delivered to it. Exit 4 if there is "
      + "no such endpoint in --tenant."})
  static final class Remove implements Callable<Integer> {
    @ParentCommand
    WebhookCommand webhook;

    @Parameters(paramLabel = "ID", description = "The endpoint's id, as add printed it.")
    String id;

    @Override
    public Integer call() {
      try (Session session = webhook.parent.openSession(IncidentCommand.Access.READ)) {
        WebhookEndpoints endpoints = endpoints(session);
        boolean mine = endpoints.get(id).filter(endpoint -> endpoint.tenant().equals(session.tenant())).isPresent();
        if (!mine || !endpoints.remove(id)) {
          throw new Stop(ExitCodes.NOT_FOUND, "no webhook endpoint " + id + " in tenant " + session.tenant());
        }
        return ExitCodes.SUCCESS;
      }
    }
  }

  private static WebhookEndpoints endpoints(Session session) {
    return new WebhookEndpoints(session.store(), session.service().events());
  }
}
