/* carto-verify-result.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The outcome of carto_credentials_verify_async(): a status the UI can act
 * on, what the key can see, and a translated sentence that never holds the
 * key.
 */

#include "config.h"

#include "carto-enums.h"
#include "carto-verify-result-private.h"

struct _CartoVerifyResult
{
  GObject parent_instance;

  CartoVerifyStatus status;
  CartoKeyAccess key_access;
  guint http_status;
  gint64 retry_after;
  char *message;
};

G_DEFINE_FINAL_TYPE (CartoVerifyResult, carto_verify_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_KEY_ACCESS,
  PROP_HTTP_STATUS,
  PROP_RETRY_AFTER,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
carto_verify_result_finalize (GObject *object)
{
  CartoVerifyResult *self = (CartoVerifyResult *)object;

  g_free (self->message);

  G_OBJECT_CLASS (carto_verify_result_parent_class)->finalize (object);
}

static void
carto_verify_result_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CartoVerifyResult *self = CARTO_VERIFY_RESULT (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_KEY_ACCESS:
      g_value_set_enum (value, self->key_access);
      break;

    case PROP_HTTP_STATUS:
      g_value_set_uint (value, self->http_status);
      break;

    case PROP_RETRY_AFTER:
      g_value_set_int64 (value, self->retry_after);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_verify_result_class_init (CartoVerifyResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = carto_verify_result_finalize;
  object_class->get_property = carto_verify_result_get_property;

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, CARTO_TYPE_VERIFY_STATUS, CARTO_VERIFY_STATUS_OK,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEY_ACCESS] =
    g_param_spec_enum ("key-access", NULL, NULL, CARTO_TYPE_KEY_ACCESS, CARTO_KEY_ACCESS_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HTTP_STATUS] =
    g_param_spec_uint ("http-status", NULL, NULL, 0, 999, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RETRY_AFTER] =
    g_param_spec_int64 ("retry-after", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carto_verify_result_init (CartoVerifyResult *self)
{
  self->retry_after = -1;
}

CartoVerifyResult *
carto_verify_result_new (CartoVerifyStatus  status,
                         CartoKeyAccess     key_access,
                         guint              http_status,
                         gint64             retry_after,
                         const char        *message)
{
  CartoVerifyResult *self = g_object_new (CARTO_TYPE_VERIFY_RESULT, NULL);

  self->status = status;
  self->key_access = key_access;
  self->http_status = http_status;
  self->retry_after = retry_after;
  self->message = g_strdup (message);
  return self;
}

/**
 * carto_verify_result_get_status:
 * @self: a #CartoVerifyResult
 *
 * Returns: how the check ended
 */
CartoVerifyStatus
carto_verify_result_get_status (CartoVerifyResult *self)
{
  g_return_val_if_fail (CARTO_IS_VERIFY_RESULT (self), CARTO_VERIFY_STATUS_BAD_RESPONSE);

  return self->status;
}

/**
 * carto_verify_result_is_ok:
 * @self: a #CartoVerifyResult
 *
 * Returns: whether the server accepted the credentials
 */
gboolean
carto_verify_result_is_ok (CartoVerifyResult *self)
{
  g_return_val_if_fail (CARTO_IS_VERIFY_RESULT (self), FALSE);

  return self->status == CARTO_VERIFY_STATUS_OK;
}

/**
 * carto_verify_result_get_key_access:
 * @self: a #CartoVerifyResult
 *
 * Returns: what the key can see; %CARTO_KEY_ACCESS_UNKNOWN unless the
 *   status is %CARTO_VERIFY_STATUS_OK
 */
CartoKeyAccess
carto_verify_result_get_key_access (CartoVerifyResult *self)
{
  g_return_val_if_fail (CARTO_IS_VERIFY_RESULT (self), CARTO_KEY_ACCESS_UNKNOWN);

  return self->key_access;
}

/**
 * carto_verify_result_get_message:
 * @self: a #CartoVerifyResult
 *
 * Returns: a translated sentence for the user; it never contains the key
 */
const char *
carto_verify_result_get_message (CartoVerifyResult *self)
{
  g_return_val_if_fail (CARTO_IS_VERIFY_RESULT (self), NULL);

  return self->message;
}

/**
 * carto_verify_result_get_http_status:
 * @self: a #CartoVerifyResult
 *
 * Returns: the HTTP status of the deciding answer, or 0 if none came
 */
guint
carto_verify_result_get_http_status (CartoVerifyResult *self)
{
  g_return_val_if_fail (CARTO_IS_VERIFY_RESULT (self), 0);

  return self->http_status;
}

/**
 * carto_verify_result_get_retry_after:
 * @self: a #CartoVerifyResult
 *
 * Returns: for %CARTO_VERIFY_STATUS_RATE_LIMITED, the seconds the server
 *   asked to wait (its `Retry-After`), or -1 if it did not say
 */
gint64
carto_verify_result_get_retry_after (CartoVerifyResult *self)
{
  g_return_val_if_fail (CARTO_IS_VERIFY_RESULT (self), -1);

  return self->retry_after;
}
