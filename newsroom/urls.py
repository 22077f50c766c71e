from django.urls import path

from publishing.views import public_page

from . import feeds, views

app_name = "newsroom"

# public_page: anonymous readers get these from the page cache (newsroom/cache.py).
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("sitemap/", views.site_map, name="site_map"),
    path("feedback/", views.feedback, name="feedback"),
    path("feedback/thanks/", views.feedback_thanks, name="feedback_thanks"),
    path("feeds/briefings/rss/", public_page(feeds.BriefingsRssFeed()), name="feed_briefings_rss"),
    path("feeds/briefings/atom/", public_page(feeds.BriefingsAtomFeed()), name="feed_briefings_atom"),
    path("feeds/sections/<slug:slug>/rss/", public_page(feeds.SectionRssFeed()), name="feed_section_rss"),
    path("feeds/sections/<slug:slug>/atom/", public_page(feeds.SectionAtomFeed()), name="feed_section_atom"),
    path("feeds/symposia/rss/", public_page(feeds.SymposiaRssFeed()), name="feed_symposia_rss"),
    path("feeds/symposia/atom/", public_page(feeds.SymposiaAtomFeed()), name="feed_symposia_atom"),
]
