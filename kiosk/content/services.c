#include "content/services.h"

#include "platform/ini_file.h"

#include <stdio.h>
#include <string.h>

typedef struct motivation_name {
    const char *code;
    unsigned bit;
} motivation_name_t;

/* Codes from DESIGN §7: stable English identifiers, never translated. */
static const motivation_name_t MOTIVATIONS[] = {
    {"disability", MOTIVATION_DISABILITY},
    {"race", MOTIVATION_RACE},
    {"religion", MOTIVATION_RELIGION},
    {"sexual_orientation", MOTIVATION_SEXUAL_ORIENTATION},
    {"transgender", MOTIVATION_TRANSGENDER},
    {"alternative_subculture", MOTIVATION_ALTERNATIVE_SUBCULTURE},
    {"sex_gender", MOTIVATION_SEX_GENDER},
    {"age", MOTIVATION_AGE},
    {"other", MOTIVATION_OTHER},
    {"not_sure", MOTIVATION_NOT_SURE},
};

unsigned services_motivation_bit(const char *code)
{
    for (size_t i = 0; i < sizeof MOTIVATIONS / sizeof MOTIVATIONS[0]; i++) {
        if (strcmp(MOTIVATIONS[i].code, code) == 0) {
            return MOTIVATIONS[i].bit;
        }
    }
    return 0;
}

static bool id_is_valid(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n >= SERVICE_ID_MAX) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
            return false;
        }
    }
    return true;
}

static service_t *service_get(services_t *s, const char *id, char *problem, size_t size)
{
    for (int i = 0; i < s->count; i++) {
        if (strcmp(s->items[i].id, id) == 0) {
            return &s->items[i];
        }
    }
    if (!id_is_valid(id)) {
        snprintf(problem, size, "service id '[%s]' must be 1-%d of a-z, 0-9, _", id,
                 SERVICE_ID_MAX - 1);
        return NULL;
    }
    if (s->count >= SERVICES_MAX) {
        snprintf(problem, size, "too many services (at most %d)", SERVICES_MAX);
        return NULL;
    }
    service_t *sv = &s->items[s->count++];
    memset(sv, 0, sizeof *sv);
    snprintf(sv->id, sizeof sv->id, "%s", id);
    snprintf(sv->description_key, sizeof sv->description_key, "service.%s.desc", id);
    return sv;
}

bool services_parse_motivations(const char *value, unsigned *out, char *problem, size_t size)
{
    if (strcmp(value, "all") == 0) {
        *out = MOTIVATION_ALL;
        return true;
    }
    char buf[256];
    if (!ini_copy_string(value, buf, sizeof buf, problem, size)) {
        return false;
    }
    unsigned bits = 0;
    char *save = NULL;
    for (char *tok = strtok_r(buf, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
        unsigned bit = services_motivation_bit(tok);
        if (!bit) {
            snprintf(problem, size, "motivations: unknown code '%s' (codes: DESIGN §7, e.g. race, "
                                    "religion, disability)", tok);
            return false;
        }
        bits |= bit;
    }
    if (!bits) {
        snprintf(problem, size, "motivations must name at least one code, or 'all'");
        return false;
    }
    *out = bits;
    return true;
}

static bool parse_url(const char *value, char *out, size_t out_size, char *problem, size_t size)
{
    /* The QR code carries this URL: https only (the allow-list is checked by qr/). */
    if (value[0] != '\0' && strncmp(value, "https://", 8) != 0) {
        snprintf(problem, size, "url must start with https://");
        return false;
    }
    return ini_copy_string(value, out, out_size, problem, size);
}

static bool parse_kind(const char *value, service_kind_t *out, char *problem, size_t size)
{
    static const char *const KINDS[] = {"support", "police", "health"};
    for (int i = 0; i < (int)(sizeof KINDS / sizeof KINDS[0]); i++) {
        if (strcmp(value, KINDS[i]) == 0) {
            *out = (service_kind_t)i;
            return true;
        }
    }
    snprintf(problem, size, "kind must be support, police or health, not '%s'", value);
    return false;
}

/* verified = YYYY-MM-DD: when someone last checked the entry against the service. */
static bool parse_verified(const char *value, char *out, size_t out_size, char *problem,
                           size_t size)
{
    int y, m, d;
    char end;
    if (strlen(value) != 10 || sscanf(value, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 ||
        m < 1 || m > 12 || d < 1 || d > 31) {
        snprintf(problem, size, "verified must be a date YYYY-MM-DD, not '%s'", value);
        return false;
    }
    return ini_copy_string(value, out, out_size, problem, size);
}

bool services_is_catalog_key(const char *value)
{
    int parts = 1;
    size_t n = strlen(value);
    if (n == 0 || n >= SERVICE_KEY_MAX || value[0] == '.' || value[n - 1] == '.') {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char c = value[i];
        if (c == '.') {
            parts++;
            if (value[i + 1] == '.') {
                return false;
            }
        } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
            return false;
        }
    }
    return parts >= 2;
}

static bool parse_key(const char *key, const char *value, char *out, size_t out_size,
                      char *problem, size_t size)
{
    if (!services_is_catalog_key(value)) {
        snprintf(problem, size,
                 "%s must be a catalog key from locales/kiosk.pot (such as service.x.desc), "
                 "not '%s'",
                 key, value);
        return false;
    }
    snprintf(out, out_size, "%s", value);
    return true;
}

/* "hours = hours.always" names a catalog string; older files wrote the hours as text,
 * which still loads (shown the same in every language; the content checker says so). */
static bool parse_hours(service_t *sv, const char *value, char *problem, size_t size)
{
    sv->hours[0] = sv->hours_key[0] = '\0';
    if (services_is_catalog_key(value)) {
        snprintf(sv->hours_key, sizeof sv->hours_key, "%s", value);
        return true;
    }
    return ini_copy_string(value, sv->hours, sizeof sv->hours, problem, size);
}

#define COPY(field) ini_copy_string(value, sv->field, sizeof sv->field, problem, size)
#define KEY(field) parse_key(key, value, sv->field, sizeof sv->field, problem, size)

static bool services_on_item(void *user, const char *section, const char *key, const char *value,
                             char *problem, size_t size)
{
    service_t *sv = service_get(user, section, problem, size);
    if (!sv) {
        return false;
    }
    if (strcmp(key, "name") == 0) {
        return COPY(name);
    } else if (strcmp(key, "name_key") == 0) {
        return KEY(name_key);
    } else if (strcmp(key, "description") == 0) {
        return KEY(description_key);
    } else if (strcmp(key, "phone") == 0) {
        return COPY(phone);
    } else if (strcmp(key, "text") == 0) {
        return COPY(text_number);
    } else if (strcmp(key, "hours") == 0) {
        return parse_hours(sv, value, problem, size);
    } else if (strcmp(key, "languages") == 0) {
        return COPY(languages);
    } else if (strcmp(key, "url") == 0) {
        return parse_url(value, sv->url, sizeof sv->url, problem, size);
    } else if (strcmp(key, "motivations") == 0) {
        return services_parse_motivations(value, &sv->motivations, problem, size);
    } else if (strcmp(key, "kind") == 0) {
        return parse_kind(value, &sv->kind, problem, size);
    } else if (strcmp(key, "discreet") == 0) {
        return ini_parse_bool(value, &sv->discreet, problem, size);
    } else if (strcmp(key, "urgent") == 0) {
        return ini_parse_bool(value, &sv->urgent, problem, size);
    } else if (strcmp(key, "verified") == 0) {
        return parse_verified(value, sv->verified, sizeof sv->verified, problem, size);
    }
    snprintf(problem, size, "unknown key '%s' for service [%s]", key, section);
    return false;
}

/* Whole-section checks, once every line is read. */
static bool services_check(const services_t *s, const char *path, char *err, size_t err_size)
{
    for (int i = 0; i < s->count; i++) {
        const service_t *sv = &s->items[i];
        const char *missing = sv->name[0] == '\0' && !sv->name_key[0]     ? "name or name_key"
                              : sv->motivations == 0                       ? "motivations"
                              : sv->phone[0] == '\0' && sv->url[0] == '\0' ? "phone or url"
                                                                           : NULL;
        if (missing) {
            snprintf(err, err_size, "%s: service [%s] needs %s", path, sv->id, missing);
            return false;
        }
    }
    return true;
}

bool services_load(services_t *s, const char *path, char *err, size_t err_size)
{
    memset(s, 0, sizeof *s);
    return ini_file_parse(path, services_on_item, s, err, err_size) &&
           services_check(s, path, err, err_size);
}

const service_t *services_find(const services_t *s, const char *id)
{
    for (int i = 0; i < s->count; i++) {
        if (strcmp(s->items[i].id, id) == 0) {
            return &s->items[i];
        }
    }
    return NULL;
}

int services_filter(const services_t *s, unsigned motivations, const service_t **out, int max)
{
    int n = 0;
    /* Two passes keep file order within each group: urgent numbers first. */
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < s->count && n < max; i++) {
            const service_t *sv = &s->items[i];
            bool wanted = motivations == 0 || sv->urgent || (sv->motivations & motivations);
            if (sv->urgent == (pass == 0) && wanted) {
                out[n++] = sv;
            }
        }
    }
    return n;
}

/* Group of sv on the support screen: 0 urgent, 1 a specialist for what happened, 2 the
 * rest in file order; -1 left out (a specialist for something else). */
static int support_group(const service_t *sv, unsigned motivations)
{
    if (sv->urgent) {
        return 0;
    }
    if (motivations == 0 || sv->motivations == MOTIVATION_ALL) {
        return 2;
    }
    return sv->motivations & motivations ? 1 : -1;
}

int services_for_support(const services_t *s, unsigned motivations, const service_t **out,
                         int max)
{
    int n = 0;
    for (int group = 0; group <= 2; group++) { /* file order within each group */
        for (int i = 0; i < s->count && n < max; i++) {
            if (support_group(&s->items[i], motivations) == group) {
                out[n++] = &s->items[i];
            }
        }
    }
    return n;
}

/* How well sv fits: lower is better; -1 when it does not fit at all. The first health
 * service leads when the person asked for health support; further ones come last, so
 * the next code serves what happened. */
static int service_rank(const services_t *s, const service_t *sv, unsigned motivations,
                        bool wants_health, bool police_ok)
{
    if (sv->urgent || (sv->kind == SERVICE_KIND_POLICE && !police_ok)) {
        return -1;
    }
    if (sv->kind == SERVICE_KIND_HEALTH) {
        bool first = true;
        for (const service_t *o = s->items; o < sv; o++) {
            first = first && (o->kind != SERVICE_KIND_HEALTH || o->urgent);
        }
        return wants_health && first ? 0 : 4;
    }
    bool serves = motivations == 0 || (sv->motivations & motivations);
    if (!serves) {
        return -1;
    }
    bool specialist = sv->motivations != MOTIVATION_ALL;
    return sv->kind == SERVICE_KIND_POLICE ? 3 : specialist ? 1 : 2;
}

int services_for_answers(const services_t *s, unsigned motivations, bool wants_health,
                         bool police_ok, const service_t **out, int max)
{
    int n = 0;
    for (int rank = 0; rank <= 4; rank++) { /* file order within each rank */
        for (int i = 0; i < s->count && n < max; i++) {
            if (service_rank(s, &s->items[i], motivations, wants_health, police_ok) == rank) {
                out[n++] = &s->items[i];
            }
        }
    }
    return n;
}
