package dev.parley.testkit;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes Graph API requests ({@code /vNN.N/...}): checks the access token (an
 * {@code Authorization: Bearer} header or an {@code access_token} parameter) and the optional
 * {@code appsecret_proof}, parses JSON or form bodies, and hands over to Messenger or WhatsApp by the
 * id in the path. Every refusal is a Graph error body. Thread-safe.
 */
final class GraphApi {
  private static final Pattern VERSIONED = Pattern.compile("/(v\\d+\\.\\d+)(/.*)?");

  private final GraphState state;
  private final MessengerApi messenger;
  private final WhatsAppApi whatsApp;
  private final MediaUploadApi uploads;
  private final MediaDownloadApi downloads;
  private final String appSecret;
  private final boolean requireAppSecretProof;

  GraphApi(GraphState state, MessengerApi messenger, WhatsAppApi whatsApp, MediaUploadApi uploads, String appSecret,
      boolean requireAppSecretProof) {
    this.state = state;
    this.messenger = messenger;
    this.whatsApp = whatsApp;
    this.uploads = uploads;
    this.downloads = new MediaDownloadApi(state, uploads.clock());
    this.appSecret = appSecret;
    this.requireAppSecretProof = requireAppSecretProof;
  }

  static boolean handles(String path) {
    return VERSIONED.matcher(path).matches();
  }

  /** Whether {@code path} is that of a media download URL (see {@link MediaDownloadApi}). */
  static boolean handlesDownload(String path) {
    return path.equals(MediaDownloadApi.PATH);
  }

  /** A media download URL fetched: the bytes, to the right token, while the URL lasts. */
  Response download(IncomingRequest request) {
    return downloads.download(request);
  }

  /** Whether the id in a Graph path is a WhatsApp number, for the shape of injected errors. */
  boolean isWhatsAppPath(String path) {
    List<String> segments = segments(path);
    return segments.size() >= 2 && state.number(segments.get(1)) != null;
  }

  Response handle(IncomingRequest request) {
    try {
      return route(request);
    } catch (GraphError e) {
      return e.toResponse();
    }
  }

  private Response route(IncomingRequest request) {
    List<String> segments = segments(request.path()).subList(1, segments(request.path()).size());
    Map<String, List<String>> query = request.query();
    MultipartForm form = request.method().equals("POST") && MultipartForm.isMultipart(request)
        ? MultipartForm.parse(request) : null;
    JsonObject body = form != null ? form.fields()
        : request.method().equals("POST") ? parseBody(request) : new JsonObject();
    String token = token(request, query, body);
    Credentials credentials = authenticate(request, token, query, body);

    if (request.method().equals("POST") && segments.size() == 2) {
      String id = segments.get(0);
      String edge = segments.get(1);
      if (edge.equals("message_attachments")) {
        if (form == null) {
          throw GraphError.invalidParameter("message_attachments: the sandbox emulates multipart/form-data uploads "
              + "(parts message and filedata), not JSON uploads from a URL");
        }
        return uploads.messenger(page(id, credentials), form);
      }
      if (edge.equals("media") && !id.equals("me") && state.number(id) != null) {
        GraphState.WhatsAppNumber number = state.number(id);
        requireOwner(credentials, number.accessToken(), id);
        if (form == null) {
          throw GraphError.whatsAppInvalid("media uploads are multipart/form-data forms with the parts "
              + "messaging_product, file and type");
        }
        return uploads.whatsApp(number, form);
      }
      if (form != null) {
        throw GraphError.invalidParameter("multipart/form-data bodies are emulated on the upload edges only "
            + "(/me/message_attachments and /{phone-number-id}/media), not on /" + Redaction.cut(id) + "/"
            + Redaction.cut(edge));
      }
      if (edge.equals("messages")) {
        if (!id.equals("me") && state.number(id) != null) {
          GraphState.WhatsAppNumber number = state.number(id);
          requireOwner(credentials, number.accessToken(), id);
          return whatsApp.handle(number, body);
        }
        return messenger.send(page(id, credentials), body);
      }
      if (edge.equals("pass_thread_control") || edge.equals("take_thread_control")
          || edge.equals("request_thread_control")) {
        return messenger.threadControl(page(id, credentials), edge, body);
      }
    }
    boolean get = request.method().equals("GET");
    if ((get || request.method().equals("DELETE")) && segments.size() == 1 && !segments.get(0).equals("me")) {
      String id = segments.get(0);
      UploadedFile media = downloads.owned(id, credentials.token, FormDecoder.first(query, "phone_number_id"),
          credentials.bearer);
      if (media != null) {
        return get ? downloads.lookup(media, "http://" + request.header("host")) : downloads.delete(media);
      }
      if (!get) {
        throw GraphError.graph(400, 100, 33, "Unsupported delete request. Object with ID '" + Redaction.cut(id)
            + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation");
      }
    }
    if (request.method().equals("GET") && segments.size() == 1 && !segments.get(0).equals("me")) {
      if (credentials.page == null) {
        throw GraphError.graph(400, 100, 33, "Unsupported get request. Object with ID '"
            + Redaction.cut(segments.get(0)) + "' does not exist, cannot be loaded due to missing permissions, "
            + "or does not support this operation");
      }
      return messenger.profile(credentials.page, segments.get(0), FormDecoder.first(query, "fields"));
    }
    throw GraphError.graph(400, 2500, null, "Unknown path components: " + Redaction.cut(request.path())
        + " (the sandbox emulates /{page-id}/messages, /me/messages, thread control, /me/message_attachments, "
        + "/{phone-number-id}/messages, /{phone-number-id}/media, GET and DELETE /{media-id} and GET /{psid})");
  }

  /** The page a Messenger call acts for: {@code me} is the token's page; an explicit id must match the token. */
  private GraphState.Page page(String id, Credentials credentials) {
    if (id.equals("me")) {
      if (credentials.page == null) {
        throw GraphError.graph(400, 100, null, "The access token is not a page access token; /me/messages needs one");
      }
      return credentials.page;
    }
    GraphState.Page page = state.page(id);
    if (page == null) {
      throw GraphError.graph(400, 100, 33, "Unsupported post request. Object with ID '" + Redaction.cut(id)
          + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation");
    }
    requireOwner(credentials, page.accessToken(), id);
    return page;
  }

  private record Credentials(String token, GraphState.Page page, boolean bearer) {}

  private Credentials authenticate(IncomingRequest request, String token, Map<String, List<String>> query,
      JsonObject body) {
    boolean bearer = request.bearerToken() != null;
    if (token == null || token.isBlank()) {
      throw authError(bearer, "An access token is required to request this resource: send Authorization: Bearer "
          + "<token> (or an access_token parameter)");
    }
    GraphState.Page page = state.pageByToken(token);
    boolean known = page != null || state.numberByToken(token) != null;
    if (!known) {
      throw authError(bearer, "Invalid OAuth access token - Cannot parse access token");
    }
    String proof = FormDecoder.first(query, "appsecret_proof");
    if (proof == null && body.has("appsecret_proof")) {
      proof = body.get("appsecret_proof").getAsString();
    }
    if (proof != null) {
      byte[] expected = Hmac.appSecretProof(appSecret, token).getBytes(StandardCharsets.US_ASCII);
      if (!MessageDigest.isEqual(expected, proof.getBytes(StandardCharsets.US_ASCII))) {
        throw GraphError.graph(400, 100, null, "Invalid appsecret_proof provided in the API argument");
      }
    } else if (requireAppSecretProof) {
      throw GraphError.graph(400, 100, null, "API calls from the server require an appsecret_proof argument");
    }
    return new Credentials(token, page, bearer);
  }

  private static void requireOwner(Credentials credentials, String ownerToken, String id) {
    if (!MessageDigest.isEqual(ownerToken.getBytes(StandardCharsets.UTF_8),
        credentials.token.getBytes(StandardCharsets.UTF_8))) {
      throw authError(credentials.bearer, "The access token does not belong to object " + Redaction.cut(id));
    }
  }

  /** Code 190; HTTP 401 when the token came as a bearer header (as the Cloud API answers), else 400. */
  private static GraphError authError(boolean bearer, String message) {
    return GraphError.graph(bearer ? 401 : 400, 190, null, message);
  }

  private static String token(IncomingRequest request, Map<String, List<String>> query, JsonObject body) {
    String bearer = request.bearerToken();
    if (bearer != null) {
      return bearer;
    }
    String fromQuery = FormDecoder.first(query, "access_token");
    if (fromQuery != null) {
      return fromQuery;
    }
    return body.has("access_token") ? body.get("access_token").getAsString() : null;
  }

  private static JsonObject parseBody(IncomingRequest request) {
    if (request.isForm()) {
      JsonObject body = new JsonObject();
      for (Map.Entry<String, List<String>> e : FormDecoder.pairs(request.bodyText()).entrySet()) {
        String value = e.getValue().get(0);
        String trimmed = value.trim();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
          try {
            body.add(e.getKey(), JsonParser.parseString(trimmed));
            continue;
          } catch (RuntimeException ignored) {
            // not JSON after all: keep the text
          }
        }
        body.add(e.getKey(), new JsonPrimitive(value));
      }
      return body;
    }
    String text = request.bodyText();
    if (text.isBlank()) {
      return new JsonObject();
    }
    JsonObject body = JsonText.parseObjectOrNull(text);
    if (body == null) {
      throw GraphError.graph(400, 100, null, "The request body is not a JSON object");
    }
    return body;
  }

  private static List<String> segments(String path) {
    Matcher m = VERSIONED.matcher(path);
    List<String> out = new ArrayList<>();
    if (!m.matches()) {
      return out;
    }
    out.add(m.group(1));
    if (m.group(2) != null) {
      for (String s : m.group(2).split("/")) {
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
    }
    return out;
  }
}
