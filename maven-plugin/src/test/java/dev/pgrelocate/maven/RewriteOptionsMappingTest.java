package dev.pgrelocate.maven;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.Preset;
import dev.pgrelocate.RewriteOptions;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the rule parameters of the POM (or {@code -Dpgrelocate.*}) become the engine's options. */
class RewriteOptionsMappingTest {
    @TempDir
    Path project;

    private RewriteMojo mojo() {
        return Mojos.rewrite(project, new RecordingLog());
    }

    @Test
    void unconfiguredGoalUsesTheHerokuPreset() throws MojoFailureException {
        RewriteOptions options = mojo().rewriteOptions();
        assertEquals(Preset.HEROKU, options.preset());
        assertEquals(List.of("*"), options.sourceSchemas());
        assertEquals("heroku_ext", options.targetSchema());
        assertEquals(Set.copyOf(Preset.DEFAULT_EXCLUDED), options.excludedExtensions());
        assertTrue(options.targetOwnedByPlatform());
        assertFalse(options.stripRestrict());
    }

    @Test
    void ownerAndPrivilegeParametersArePassedOn() throws MojoFailureException {
        RewriteMojo mojo = mojo();
        mojo.noOwner = true;
        mojo.noAcl = true;
        mojo.noEventTriggers = true;
        mojo.dropExtensionComments = false;
        mojo.mapRoles = List.of(" app_owner = application ", "Report Writer=app");
        RewriteOptions options = mojo.rewriteOptions();
        assertTrue(options.noOwner());
        assertTrue(options.noAcl());
        assertTrue(options.noEventTriggers());
        assertFalse(options.dropExtensionComments());
        assertEquals(java.util.Map.of("app_owner", "application", "Report Writer", "app"), options.roleMap());
    }

    @Test
    void mapRoleWithoutEqualsSignNamesTheParameter() {
        RewriteMojo mojo = mojo();
        mojo.mapRoles = List.of("app_owner");
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::rewriteOptions);
        assertTrue(e.getMessage().contains("<mapRoles>"), e.getMessage());
    }

    @Test
    void ensureExtensionsIsPassedOn() throws MojoFailureException {
        RewriteMojo mojo = mojo();
        assertFalse(mojo.rewriteOptions().ensureExtensions());
        mojo.ensureExtensions = true;
        assertTrue(mojo.rewriteOptions().ensureExtensions());
    }

    @Test
    void badCatalogUrlNamesTheParameterAndNeverThePassword() {
        RewriteMojo mojo = mojo();
        mojo.catalogUrl = "mysql://root:hunter2@localhost/db";
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::rewriteOptions);
        assertTrue(e.getMessage().contains("<catalogUrl>"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void unreachableCatalogDatabaseNamesTheParameterAndNeverThePassword() {
        RewriteMojo mojo = mojo();
        mojo.catalogUrl = "postgres://app:hunter2@127.0.0.1:1/app?connectTimeout=2";
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::rewriteOptions);
        assertTrue(e.getMessage().contains("cannot read the extension catalog from postgres://app@127.0.0.1:1/app"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void presetIsReadByItsCommandLineName() throws MojoFailureException {
        RewriteMojo mojo = mojo();
        mojo.preset = "heroku-exit";
        RewriteOptions options = mojo.rewriteOptions();
        assertEquals(Preset.HEROKU_EXIT, options.preset());
        assertEquals(List.of("heroku_ext"), options.sourceSchemas());
        assertEquals("public", options.targetSchema());
        assertFalse(options.targetOwnedByPlatform());
    }

    @Test
    void presetNameIgnoresCaseAndUnderscores() throws MojoFailureException {
        RewriteMojo mojo = mojo();
        mojo.preset = " Heroku_Exit ";
        assertEquals(Preset.HEROKU_EXIT, mojo.rewriteOptions().preset());
    }

    @Test
    void schemasOverrideThePresetAndAreTrimmed() throws MojoFailureException {
        RewriteMojo mojo = mojo();
        mojo.preset = "supabase";
        mojo.sourceSchemas = Arrays.asList(" public", "shared ", "", null);
        mojo.targetSchema = " extensions ";
        RewriteOptions options = mojo.rewriteOptions();
        assertEquals(List.of("public", "shared"), options.sourceSchemas());
        assertEquals("extensions", options.targetSchema());
    }

    @Test
    void emptySourceSchemasKeepThePresets() throws MojoFailureException {
        RewriteMojo mojo = mojo();
        mojo.sourceSchemas = List.of();
        assertEquals(List.of("*"), mojo.rewriteOptions().sourceSchemas());
    }

    @Test
    void excludedExtensionsAddToTheDefaults() throws MojoFailureException {
        RewriteMojo mojo = mojo();
        mojo.excludeExtensions = List.of("postgis", " vector ");
        assertEquals(Set.of("plpgsql", "postgis_topology", "postgis_tiger_geocoder", "postgis", "vector"),
                mojo.rewriteOptions().excludedExtensions());
    }

    @Test
    void defaultExclusionsCanBeTurnedOff() throws MojoFailureException {
        RewriteMojo mojo = mojo();
        mojo.excludeDefaultExtensions = false;
        mojo.excludeExtensions = List.of("postgis");
        assertEquals(Set.of("postgis"), mojo.rewriteOptions().excludedExtensions());
    }

    @Test
    void platformOwnershipOverridesThePresetOnlyWhenSet() throws MojoFailureException {
        RewriteMojo mojo = mojo();
        mojo.targetOwnedByPlatform = Boolean.FALSE;
        assertFalse(mojo.rewriteOptions().targetOwnedByPlatform());
        mojo.preset = "heroku-exit";
        mojo.targetOwnedByPlatform = Boolean.TRUE;
        assertTrue(mojo.rewriteOptions().targetOwnedByPlatform());
    }

    @Test
    void stripRestrictIsPassedOn() throws MojoFailureException {
        RewriteMojo mojo = mojo();
        mojo.stripRestrict = true;
        assertTrue(mojo.rewriteOptions().stripRestrict());
    }

    @Test
    void unknownPresetNamesThePomElementAndProperty() {
        RewriteMojo mojo = mojo();
        mojo.preset = "herokku";
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::rewriteOptions);
        assertTrue(e.getMessage().startsWith("unknown preset 'herokku': expected one of heroku, heroku-exit, supabase"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("fix <preset> or -Dpgrelocate.preset"), e.getMessage());
        assertInstanceOf(PgRelocateException.class, e.getCause());
    }

    @Test
    void sourceEqualToTargetNamesTheSchemaParameters() {
        RewriteMojo mojo = mojo();
        mojo.sourceSchemas = List.of("heroku_ext");
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::rewriteOptions);
        assertTrue(e.getMessage().contains("nothing would move"), e.getMessage());
        assertTrue(e.getMessage().contains("<sourceSchemas> (-Dpgrelocate.sourceSchemas=heroku_ext)"), e.getMessage());
        assertTrue(e.getMessage().contains("<targetSchema> (-Dpgrelocate.targetSchema=heroku_ext)"), e.getMessage());
        assertInstanceOf(PgRelocateException.class, e.getCause());
    }

    @Test
    void blankTargetSchemaIsAConfigurationFailure() {
        RewriteMojo mojo = mojo();
        mojo.targetSchema = "  ";
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::rewriteOptions);
        assertTrue(e.getMessage().startsWith("invalid rule parameters: the target schema is empty"), e.getMessage());
        assertTrue(e.getMessage().contains("<targetSchema>"), e.getMessage());
    }

    @Test
    void reportFormatIsTextOrJson() throws MojoFailureException {
        RewriteMojo mojo = mojo();
        mojo.report = "JSON";
        assertEquals("json", mojo.reportFormat());
        mojo.report = "xml";
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::reportFormat);
        assertEquals("unknown report format 'xml': expected text or json; fix <report> or -Dpgrelocate.report", e.getMessage());
    }
}
