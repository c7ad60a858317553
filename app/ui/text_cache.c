/* Rendered text kept as textures: a string is rasterised once, then drawn from the cache.
 * Bounded (least recently used entries go first) so a kiosk running for months stays flat. */
#include "app/ui/text_cache.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_BUCKETS 512
#define CACHE_MAX_ENTRIES 384
/* Pixels, not entries, are what cost memory: one wrapped paragraph outweighs a hundred keys. */
#define CACHE_MAX_BYTES (4u * 1024u * 1024u)

struct entry {
	struct entry *next_in_bucket;
	struct entry *lru_prev, *lru_next;
	uint32_t hash;
	int font;
	uint32_t rgba;
	int wrap;
	int align;
	SDL_Texture *tex;
	int w, h;
	char text[];
};

struct ui_text_cache {
	SDL_Renderer *renderer;
	struct entry *buckets[CACHE_BUCKETS];
	struct entry *lru_head, *lru_tail; /* head: most recent */
	int count;
	size_t bytes;
	unsigned long hits, misses;
};

static uint32_t hash_key(int font, uint32_t rgba, int wrap, int align, const char *text)
{
	/* FNV-1a */
	uint32_t h = 2166136261u;
	h = (h ^ (uint32_t)font) * 16777619u;
	h = (h ^ (uint32_t)align) * 16777619u;
	h = (h ^ rgba) * 16777619u;
	h = (h ^ (uint32_t)wrap) * 16777619u;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

static void lru_unlink(struct ui_text_cache *c, struct entry *e)
{
	if (e->lru_prev)
		e->lru_prev->lru_next = e->lru_next;
	else
		c->lru_head = e->lru_next;
	if (e->lru_next)
		e->lru_next->lru_prev = e->lru_prev;
	else
		c->lru_tail = e->lru_prev;
	e->lru_prev = e->lru_next = NULL;
}

static void lru_push_front(struct ui_text_cache *c, struct entry *e)
{
	e->lru_prev = NULL;
	e->lru_next = c->lru_head;
	if (c->lru_head)
		c->lru_head->lru_prev = e;
	c->lru_head = e;
	if (!c->lru_tail)
		c->lru_tail = e;
}

static void evict_one(struct ui_text_cache *c)
{
	struct entry *e = c->lru_tail;
	struct entry **pp;

	if (!e)
		return;
	lru_unlink(c, e);
	for (pp = &c->buckets[e->hash % CACHE_BUCKETS]; *pp; pp = &(*pp)->next_in_bucket) {
		if (*pp == e) {
			*pp = e->next_in_bucket;
			break;
		}
	}
	SDL_DestroyTexture(e->tex);
	c->bytes -= (size_t)e->w * (size_t)e->h * 4u;
	free(e);
	c->count--;
}

struct ui_text_cache *text_cache_new(SDL_Renderer *renderer)
{
	struct ui_text_cache *c = calloc(1, sizeof(*c));

	if (c)
		c->renderer = renderer;
	return c;
}

void text_cache_free(struct ui_text_cache *c)
{
	if (!c)
		return;
	while (c->count > 0)
		evict_one(c);
	free(c);
}

SDL_Texture *text_cache_get(struct ui_text_cache *c, TTF_Font *font, int font_id, SDL_Color color,
			    int wrap, int align, const char *text, int *w, int *h)
{
	uint32_t rgba =
	    (uint32_t)color.r << 24 | (uint32_t)color.g << 16 | (uint32_t)color.b << 8 | color.a;
	uint32_t hash = hash_key(font_id, rgba, wrap, align, text);
	struct entry *e;
	SDL_Surface *surf;
	size_t len;

	for (e = c->buckets[hash % CACHE_BUCKETS]; e; e = e->next_in_bucket) {
		if (e->hash == hash && e->font == font_id && e->rgba == rgba && e->wrap == wrap &&
		    e->align == align && strcmp(e->text, text) == 0) {
			lru_unlink(c, e);
			lru_push_front(c, e);
			c->hits++;
			*w = e->w;
			*h = e->h;
			return e->tex;
		}
	}
	c->misses++;
	if (wrap > 0) {
		TTF_SetFontWrappedAlign(font, align);
		surf = TTF_RenderUTF8_Blended_Wrapped(font, text, color, (Uint32)wrap);
	} else {
		surf = TTF_RenderUTF8_Blended(font, text, color);
	}
	if (!surf)
		return NULL;
	len = strlen(text);
	e = calloc(1, sizeof(*e) + len + 1);
	if (!e) {
		SDL_FreeSurface(surf);
		return NULL;
	}
	e->tex = SDL_CreateTextureFromSurface(c->renderer, surf);
	e->w = surf->w;
	e->h = surf->h;
	SDL_FreeSurface(surf);
	if (!e->tex) {
		free(e);
		return NULL;
	}
	e->hash = hash;
	e->font = font_id;
	e->rgba = rgba;
	e->wrap = wrap;
	e->align = align;
	memcpy(e->text, text, len + 1);
	e->next_in_bucket = c->buckets[hash % CACHE_BUCKETS];
	c->buckets[hash % CACHE_BUCKETS] = e;
	lru_push_front(c, e);
	c->count++;
	c->bytes += (size_t)e->w * (size_t)e->h * 4u;
	/* Never evict the entry just made: the caller draws it next. */
	while ((c->count > CACHE_MAX_ENTRIES || c->bytes > CACHE_MAX_BYTES) && c->lru_tail != e)
		evict_one(c);
	*w = e->w;
	*h = e->h;
	return e->tex;
}

void text_cache_stats(const struct ui_text_cache *c, unsigned long *hits, unsigned long *misses,
		      int *entries)
{
	*hits = c->hits;
	*misses = c->misses;
	*entries = c->count;
}
