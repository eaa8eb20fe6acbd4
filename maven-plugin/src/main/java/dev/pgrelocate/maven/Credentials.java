package dev.pgrelocate.maven;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.db.ConnectionUrl;
import dev.pgrelocate.restore.TargetDatabase;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

import java.util.Map;

/**
 * The database a restore goal writes to and who it logs in as. Each of user and password is taken
 * from the first of these that has it:
 * <ol>
 * <li>the goal's own parameter ({@code <user>}, {@code <password>});</li>
 * <li>the {@code settings.xml} {@code <server>} named by {@code <serverId>} (its password decrypted by
 * Maven's {@link SettingsDecrypter}, so {@code mvn --encrypt-password} output works);</li>
 * <li>the URL itself ({@code postgres://user:password@host/db}, or JDBC {@code ?user=...&password=...});</li>
 * <li>the environment: {@code PGUSER}, {@code PGPASSWORD}.</li>
 * </ol>
 * The URL is {@code <url>}, else the environment's {@code DATABASE_URL}. Nothing here ever puts a
 * password into a message: {@link #describe()} names where it came from.
 */
record Credentials(TargetDatabase target, String userSource, String passwordSource) {

    /** "as app (password from settings.xml server 'prod')", for the log. */
    String describe() {
        String user = target.user();
        return "as " + (user == null ? "the driver's default user" : user) + " (user from " + userSource
                + (passwordSource == null ? ", no password)" : ", password from " + passwordSource + ")");
    }

    static Credentials resolve(String goal, String url, String user, String password, String serverId, Settings settings,
            SettingsDecrypter decrypter, Map<String, String> environment) throws MojoFailureException {
        String prefix = AbstractPgRelocateMojo.PREFIX;
        String address = blankToNull(url);
        if (address == null) {
            address = blankToNull(environment.get("DATABASE_URL"));
        }
        if (address == null) {
            throw new MojoFailureException("pgrelocate:" + goal + " needs <url> (-D" + prefix
                    + "url=postgres://user@host:5432/db) or a DATABASE_URL environment variable");
        }
        ConnectionUrl parsed;
        try {
            parsed = ConnectionUrl.parse(address);
        } catch (PgRelocateException e) {
            throw new MojoFailureException(e.getMessage() + "; fix <url> or -D" + prefix + "url"
                    + (blankToNull(url) == null ? " (it came from DATABASE_URL)" : ""), e);
        }

        Server server = null;
        String id = blankToNull(serverId);
        if (id != null) {
            server = settings == null ? null : settings.getServer(id);
            if (server == null) {
                throw new MojoFailureException("pgrelocate:" + goal + ": no <server> with <id>" + id
                        + "</id> in settings.xml; fix <serverId> (-D" + prefix + "serverId) or add the server");
            }
            server = decrypt(goal, server, decrypter);
        }

        String chosenUser = null;
        String userSource;
        if (blankToNull(user) != null) {
            chosenUser = user.trim();
            userSource = "<user>";
        } else if (server != null && blankToNull(server.getUsername()) != null) {
            chosenUser = server.getUsername().trim();
            userSource = "settings.xml server '" + id + "'";
        } else if (parsed.user() != null) {
            userSource = "the URL";
        } else if (blankToNull(environment.get("PGUSER")) != null) {
            chosenUser = environment.get("PGUSER").trim();
            userSource = "the environment (PGUSER)";
        } else {
            userSource = "nowhere";
        }

        String chosenPassword = null;
        String passwordSource;
        if (password != null && !password.isEmpty()) {
            chosenPassword = password;
            passwordSource = "<password>";
        } else if (server != null && server.getPassword() != null && !server.getPassword().isEmpty()) {
            chosenPassword = server.getPassword();
            passwordSource = "settings.xml server '" + id + "'";
        } else if (parsed.hasPassword()) {
            passwordSource = "the URL";
        } else if (environment.get("PGPASSWORD") != null && !environment.get("PGPASSWORD").isEmpty()) {
            chosenPassword = environment.get("PGPASSWORD");
            passwordSource = "the environment (PGPASSWORD)";
        } else {
            passwordSource = null;
        }
        return new Credentials(TargetDatabase.of(address, chosenUser, chosenPassword), userSource, passwordSource);
    }

    private static Server decrypt(String goal, Server server, SettingsDecrypter decrypter) throws MojoFailureException {
        if (decrypter == null) {
            return server;
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                // the decrypter's messages name the server and the cause, never the password
                throw new MojoFailureException("pgrelocate:" + goal + ": cannot decrypt the password of settings.xml server '"
                        + server.getId() + "': " + problem.getMessage());
            }
        }
        return result.getServer() == null ? server : result.getServer();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
