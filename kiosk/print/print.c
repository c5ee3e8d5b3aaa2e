#include "print/print.h"

#include <stdio.h>
#include <string.h>

bool print_enabled(const kiosk_config_t *cfg)
{
    return print_sink_spec_enabled(cfg->printer_sink);
}

/* For the discreet slip: the services marked "discreet = true" in services.ini (their
 * names say nothing of why someone used the kiosk), the configured support service first. */
static int slip_general_services(const services_t *services, const char *first,
                                 const service_t **out)
{
    int n = 0;
    const service_t *lead = services_find(services, first);
    if (lead && lead->discreet) {
        out[n++] = lead;
    }
    for (int i = 0; i < services->count && n < SLIP_SERVICES_MAX; i++) {
        const service_t *sv = &services->items[i];
        if (sv != lead && sv->discreet) {
            out[n++] = sv;
        }
    }
    return n;
}

void print_slip_prepare(print_slip_t *slip, const kiosk_config_t *cfg, const services_t *services,
                        const char *lang, bool rtl, const char *reference, unsigned motivations,
                        time_t now)
{
    memset(slip, 0, sizeof *slip);
    snprintf(slip->lang, sizeof slip->lang, "%s", lang);
    snprintf(slip->reference, sizeof slip->reference, "%s", reference ? reference : "");
    slip_format_date(now, slip->date);
    char why[256];
    if (cfg->qr_follow_up_url[0] && slip->reference[0] &&
        !qr_url_expand(cfg->qr_follow_up_url, slip->reference, cfg->qr_allowed_hosts,
                       slip->follow_up_url, sizeof slip->follow_up_url, why, sizeof why)) {
        slip->follow_up_url[0] = '\0'; /* a bad template prints no code, never a bad one */
    }
    slip_content_t *c = &slip->content;
    c->site_name = cfg->site_name;
    c->date = slip->date;
    c->reference = slip->reference;
    c->lang = slip->lang;
    c->rtl = rtl;
    c->bilingual = cfg->slip_bilingual;
    c->allowed_hosts = cfg->qr_allowed_hosts;
    c->follow_up_url = slip->follow_up_url;
    c->discreet = strcmp(cfg->slip_style, "full") != 0;
    if (!services) {
        c->service_count = 0;
    } else if (c->discreet) {
        c->service_count = slip_general_services(services, cfg->support_service, c->services);
    } else {
        c->service_count = services_filter(services, motivations, c->services, SLIP_SERVICES_MAX);
    }
}

bool print_slip_encode(const kiosk_config_t *cfg, text_engine_t *text, const i18n_t *i18n,
                       const print_slip_t *slip, print_bytes_t *out, print_raster_t **raster_out,
                       char *err, size_t err_size)
{
    print_raster_t *r =
        slip_render(text, i18n, &slip->content, cfg->printer_width_dots, NULL, err, err_size);
    if (!r) {
        return false;
    }
    escpos_options_t o = {.partial_cut = cfg->printer_partial_cut, .feed_lines = ESCPOS_FEED_LINES};
    bool ok = escpos_encode(r, &o, out);
    if (!ok) {
        snprintf(err, err_size, "out of memory encoding the slip");
    }
    if (raster_out && ok) {
        *raster_out = r;
    } else {
        print_raster_destroy(r);
    }
    return ok;
}

print_job_t *print_slip_start(const kiosk_config_t *cfg, text_engine_t *text, const i18n_t *i18n,
                              const print_slip_t *slip, char *err, size_t err_size)
{
    print_sink_t *sink = print_sink_create(cfg->printer_sink, err, err_size);
    if (!sink) {
        return NULL;
    }
    print_bytes_t bytes = {0};
    if (!print_slip_encode(cfg, text, i18n, slip, &bytes, NULL, err, err_size)) {
        print_sink_destroy(sink);
        print_bytes_free(&bytes);
        return NULL;
    }
    print_job_options_t o = {.timeout_ms = cfg->printer_timeout_s * 1000};
    print_job_t *job = print_job_start(sink, bytes.data, bytes.len, &o, err, err_size);
    print_bytes_free(&bytes);
    return job;
}
