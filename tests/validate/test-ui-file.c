/* test-ui-file.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Validates one GtkBuilder file, as `gtk4-builder-tool validate` does, but
 * in a process that knows every type our .ui files may name.
 *
 * gtk4-builder-tool (GTK 4.8) cannot validate our files: it knows GTK's
 * types only, so a template whose parent is an Adw class fails with
 * "Failed to lookup template parent type AdwApplicationWindow", and
 * Shumate or Viewer children would fail next. This program links the
 * application's own objects (with their GResource) and is built with
 * export_dynamic, so GtkBuilder resolves AdwFoo, ShumateFoo and ViewerFoo
 * through their *_get_type() functions, exactly as the application does.
 *
 * Like the GTK tool, a template is built on a stand-in type: a type with
 * the template's class name, derived from its declared parent. That way
 * the file on disk is what gets checked (the real class would build its
 * template from the compiled resource), and none of our instance code runs.
 * Signal handlers are accepted by name: GtkBuilder cannot see the
 * template callbacks our classes bind, and the UI tests, which build the
 * real widgets, catch a handler name that does not exist.
 *
 * Usage: test-ui-file [--tap] FILE.ui
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>

/* A builder scope that resolves types like GtkBuilderCScope, but takes
 * any signal handler name. */
#define VALIDATE_TYPE_SCOPE (validate_scope_get_type ())
G_DECLARE_FINAL_TYPE (ValidateScope, validate_scope, VALIDATE, SCOPE, GtkBuilderCScope)

struct _ValidateScope
{
  GtkBuilderCScope parent_instance;
};

static void validate_scope_iface_init (GtkBuilderScopeInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ValidateScope, validate_scope, GTK_TYPE_BUILDER_CSCOPE,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDER_SCOPE, validate_scope_iface_init))

static void
ignore_marshal (GClosure     *closure,
                GValue       *return_value,
                guint         n_param_values,
                const GValue *param_values,
                gpointer      invocation_hint,
                gpointer      marshal_data)
{
  /* Nothing is emitted while validating; if something is, do nothing. */
}

static GClosure *
validate_scope_create_closure (GtkBuilderScope        *scope,
                               GtkBuilder             *builder,
                               const char             *function_name,
                               GtkBuilderClosureFlags  flags,
                               GObject                *object,
                               GError                **error)
{
  GClosure *closure;

  /* The documented contract for scopes: refuse flags we do not know. */
  if ((flags & ~GTK_BUILDER_CLOSURE_SWAPPED) != 0)
    {
      g_set_error (error, GTK_BUILDER_ERROR, GTK_BUILDER_ERROR_INVALID_ATTRIBUTE,
                   "Unknown closure flags 0x%x for handler “%s”", (guint) flags, function_name);
      return NULL;
    }

  closure = g_closure_new_simple (sizeof (GClosure), NULL);
  g_closure_set_marshal (closure, ignore_marshal);
  return closure;
}

static void
validate_scope_iface_init (GtkBuilderScopeInterface *iface)
{
  iface->create_closure = validate_scope_create_closure;
}

static void
validate_scope_class_init (ValidateScopeClass *klass)
{
}

static void
validate_scope_init (ValidateScope *self)
{
}

/* The <template class="…" parent="…"> element, if the file has one. */
typedef struct
{
  char *class_name;
  char *parent_name;
} TemplateInfo;

static void
find_template_start (GMarkupParseContext  *context,
                     const char           *element_name,
                     const char          **attribute_names,
                     const char          **attribute_values,
                     gpointer              user_data,
                     GError              **error)
{
  TemplateInfo *info = user_data;
  const char *class_name = NULL;
  const char *parent_name = NULL;

  if (g_strcmp0 (element_name, "template") != 0)
    return;

  if (!g_markup_collect_attributes (element_name, attribute_names, attribute_values, error,
                                    G_MARKUP_COLLECT_STRING, "class", &class_name,
                                    G_MARKUP_COLLECT_STRING, "parent", &parent_name,
                                    G_MARKUP_COLLECT_INVALID))
    return;

  g_free (info->class_name);
  g_free (info->parent_name);
  info->class_name = g_strdup (class_name);
  info->parent_name = g_strdup (parent_name);
}

static const GMarkupParser find_template_parser = {
  .start_element = find_template_start,
};

/* The stand-in template type: the template's class name on its declared
 * parent, with the parent's class and instance sizes. */
static GType
make_template_type (GtkBuilder *builder,
                    const char *class_name,
                    const char *parent_name)
{
  GType parent_type;
  GTypeQuery query;

  /* Resolving the parent registers it (AdwApplicationWindow and co. are
   * registered lazily, on first use). */
  parent_type = gtk_builder_get_type_from_name (builder, parent_name);
  if (parent_type == G_TYPE_INVALID)
    {
      g_test_message ("Template parent type %s is unknown", parent_name);
      return G_TYPE_INVALID;
    }

  /* Nothing in this process may have registered the real class: the
   * stand-in takes its name. */
  if (g_type_from_name (class_name) != G_TYPE_INVALID)
    {
      g_test_message ("Template class %s is already registered", class_name);
      return G_TYPE_INVALID;
    }

  g_type_query (parent_type, &query);
  return g_type_register_static_simple (parent_type, g_intern_string (class_name),
                                        query.class_size, NULL,
                                        query.instance_size, NULL, 0);
}

static void
destroy_if_window (gpointer data,
                   gpointer user_data)
{
  if (GTK_IS_WINDOW (data))
    gtk_window_destroy (GTK_WINDOW (data));
}

static void
test_ui_file (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GMarkupParseContext) context = NULL;
  TemplateInfo info = { NULL, NULL };
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GtkBuilderScope) scope = NULL;
  g_autoptr(GObject) template_object = NULL;
  g_autoptr(GSList) objects = NULL;
  gboolean ok;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  context = g_markup_parse_context_new (&find_template_parser, 0, &info, NULL);
  ok = g_markup_parse_context_parse (context, contents, length, &error) &&
       g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  builder = gtk_builder_new ();
  scope = g_object_new (VALIDATE_TYPE_SCOPE, NULL);
  gtk_builder_set_scope (builder, scope);

  if (info.class_name != NULL)
    {
      GType template_type;

      g_test_message ("Template %s, parent %s", info.class_name, info.parent_name);
      template_type = make_template_type (builder, info.class_name, info.parent_name);
      g_assert_true (template_type != G_TYPE_INVALID);

      template_object = g_object_new (template_type, NULL);
      if (G_IS_INITIALLY_UNOWNED (template_object))
        g_object_ref_sink (template_object);

      ok = gtk_builder_extend_with_template (builder, template_object, template_type, " ", 1, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
    }

  ok = gtk_builder_add_from_file (builder, path, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  /* A file that builds nothing is not a UI file. */
  objects = gtk_builder_get_objects (builder);
  g_assert_true (objects != NULL || template_object != NULL);

  /* Toplevels are owned by GTK's window list until destroyed. */
  g_slist_foreach (objects, destroy_if_window, NULL);
  if (template_object != NULL)
    destroy_if_window (template_object, NULL);

  /* A plain GtkWidget does not drop its children: the real class's
   * dispose does (gtk_widget_dispose_template or unparenting), and the
   * stand-in has none, so do it here. Containers (GtkBox, AdwBin, windows)
   * drop their own. */
  if (template_object != NULL &&
      g_type_parent (G_OBJECT_TYPE (template_object)) == GTK_TYPE_WIDGET)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (template_object))) != NULL)
        gtk_widget_unparent (child);
    }

  g_free (info.class_name);
  g_free (info.parent_name);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *test_path = NULL;
  g_autofree char *basename = NULL;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (argc != 2)
    {
      g_printerr ("usage: %s [--tap] FILE.ui\n", g_get_prgname ());
      return 2;
    }

  /* GtkBuilder needs a display (GTK 4.8's own tool crashes without one):
   * the test runs under run-isolated's Xvfb. */
  if (!gtk_init_check ())
    {
      g_printerr ("No display: run this test with CARTO_TEST_DISPLAY=xvfb\n");
      return 1;
    }
  adw_init ();

  basename = g_path_get_basename (argv[1]);
  test_path = g_strconcat ("/ui-file/", basename, NULL);
  g_test_add_data_func (test_path, argv[1], test_ui_file);

  return g_test_run ();
}
