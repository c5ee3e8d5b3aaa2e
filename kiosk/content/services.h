/* Support services: config/services.ini (DESIGN §5). Each section is one service; its
 * id is part of the interface (widget support.<id>). Every word a patient reads comes
 * from the catalogs: the description, the opening hours and (for a service whose name is
 * not a proper name, such as 999) the name are catalog keys. No SDL. */
#ifndef KIOSK_CONTENT_SERVICES_H
#define KIOSK_CONTENT_SERVICES_H

#include <stdbool.h>
#include <stddef.h>

#define SERVICES_MAX 32
#define SERVICE_ID_MAX 32
#define SERVICE_URL_MAX 256
#define SERVICE_KEY_MAX 64 /* a catalog key (msgctxt in locales/kiosk.pot) */

/* Motivation codes as stored in the report (DESIGN §7), one bit each. */
typedef enum {
    MOTIVATION_DISABILITY = 1u << 0,
    MOTIVATION_RACE = 1u << 1,
    MOTIVATION_RELIGION = 1u << 2,
    MOTIVATION_SEXUAL_ORIENTATION = 1u << 3,
    MOTIVATION_TRANSGENDER = 1u << 4,
    MOTIVATION_ALTERNATIVE_SUBCULTURE = 1u << 5,
    MOTIVATION_SEX_GENDER = 1u << 6,
    MOTIVATION_AGE = 1u << 7,
    MOTIVATION_OTHER = 1u << 8,
    MOTIVATION_NOT_SURE = 1u << 9,
} motivation_t;

#define MOTIVATION_ALL 0x3FFu

/* What kind of help a service gives: the done screen chooses its codes by it. */
typedef enum {
    SERVICE_KIND_SUPPORT = 0, /* victim support and advice (the default) */
    SERVICE_KIND_POLICE,      /* the police or police-run reporting */
    SERVICE_KIND_HEALTH,      /* health and wellbeing */
} service_kind_t;

typedef struct service {
    char id[SERVICE_ID_MAX];   /* section name: [a-z0-9_] */
    char name[96];             /* proper name, not translated; may be "" with name_key */
    char name_key[SERVICE_KEY_MAX]; /* catalog key of a name that is not a proper name
                                     * ("Emergency: police, ambulance or fire"), or "" */
    char description_key[SERVICE_KEY_MAX]; /* "description =", else service.<id>.desc */
    char hours_key[SERVICE_KEY_MAX]; /* catalog key of its opening hours line, or "" */
    char phone[32];            /* as dialled and printed, e.g. "0800 138 1625"; may be "" */
    char text_number[32];      /* SMS number; may be "" */
    char url[SERVICE_URL_MAX]; /* https URL for the QR code; may be "" (no QR) */
    char hours[64];            /* opening hours written as plain text (older files): the
                                * same words in every language; "" when hours_key is set */
    unsigned motivations;      /* motivation_t bits it serves */
    char languages[128];       /* comma-separated codes, or "" when not stated */
    bool urgent;               /* emergency numbers: listed first, never filtered out */
    service_kind_t kind;       /* "kind = support | police | health" */
    bool discreet;             /* its name says nothing of hate crime: fit for the discreet slip */
    char verified[11];         /* "YYYY-MM-DD" the number and URL were last checked; "" unknown */
} service_t;

typedef struct services {
    service_t items[SERVICES_MAX];
    int count;
} services_t;

/** Loads services.ini. False with "FILE:LINE: problem" (or "FILE: problem" for a whole
 *  section that is incomplete); services read before the error stay usable. */
bool services_load(services_t *services, const char *path, char *err, size_t err_size);

/** Whether value has the shape of a catalog key (a-z, 0-9, _ in dot-separated parts,
 *  at least two): "hours.always" is a key, "24 hours, every day" is text. */
bool services_is_catalog_key(const char *value);

/** The service with id, or NULL. */
const service_t *services_find(const services_t *services, const char *id);

/** Bit for one motivation code ("race"); 0 for an unknown code. */
unsigned services_motivation_bit(const char *code);
/** A services.ini motivations value: "all", or a comma-separated list of codes. False with
 *  the problem (naming the first unknown code) otherwise. */
bool services_parse_motivations(const char *value, unsigned *out, char *problem, size_t size);

/** Services for a report with the given motivation bits, in file order with urgent ones
 *  first: every urgent service and every service serving any of the bits. motivations 0
 *  (nothing chosen, e.g. the support screen) selects every service. Writes at most max
 *  pointers (into services) to out; returns how many. */
int services_filter(const services_t *services, unsigned motivations, const service_t **out,
                    int max);

/** The services for the support screen, most relevant first: urgent numbers, then (when
 *  motivations are known) the specialists serving any of them, then the general services
 *  (motivations "all"); file order within each group. Specialists serving none of the
 *  motivations are left out; motivations 0 (not known) keeps the file order of every
 *  service after the urgent ones. Returns how many (<= max). */
int services_for_support(const services_t *services, unsigned motivations,
                         const service_t **out, int max);

/** The services that fit a finished report, best first, for its QR codes: health and
 *  wellbeing ones first when the person asked for health support, then those serving
 *  the motivations chosen (specialist before general), police ones only when the person
 *  let the police read the report; never urgent numbers. Returns how many (<= max). */
int services_for_answers(const services_t *services, unsigned motivations, bool wants_health,
                         bool police_ok, const service_t **out, int max);

#endif
