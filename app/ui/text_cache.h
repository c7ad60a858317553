/* Rendered text kept as textures, keyed by font, colour, wrap width and string. */
#ifndef KIOSK_TEXT_CACHE_H
#define KIOSK_TEXT_CACHE_H

#include <SDL.h>
#include <SDL_ttf.h>

struct ui_text_cache;

struct ui_text_cache *text_cache_new(SDL_Renderer *renderer);
void text_cache_free(struct ui_text_cache *c);

/* The texture for text (owned by the cache: valid until the next call), with its size.
 * align is a TTF_WRAPPED_ALIGN_* value for the lines of wrapped text. */
SDL_Texture *text_cache_get(struct ui_text_cache *c, TTF_Font *font, int font_id, SDL_Color color,
			    int wrap, int align, const char *text, int *w, int *h);

void text_cache_stats(const struct ui_text_cache *c, unsigned long *hits, unsigned long *misses,
		      int *entries);

#endif
