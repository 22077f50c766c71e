from django.urls import path

from . import feeds, site_views, views
from .cache import public_page

app_name = "briefing"

# public_page: anonymous readers get these from the page cache (briefing/cache.py).
urlpatterns = [
    path("", public_page(views.home), name="home"),
    path("briefings/<slug:slug>/", public_page(views.briefing_detail), name="briefing_detail"),
    path("agreements/<slug:slug>/", public_page(views.agreement_detail), name="agreement_detail"),
    path("priorities/", public_page(views.priority_list), name="priorities"),
    path("search/", site_views.search, name="search"),
    path("sitemap/", site_views.site_map, name="site_map"),
    path("feedback/", site_views.feedback, name="feedback"),
    path("feedback/thanks/", site_views.feedback_thanks, name="feedback_thanks"),
    path("feeds/briefings/rss/", public_page(feeds.BriefingsRssFeed()), name="feed_briefings_rss"),
    path("feeds/briefings/atom/", public_page(feeds.BriefingsAtomFeed()), name="feed_briefings_atom"),
    path("feeds/symposia/rss/", public_page(feeds.SymposiaRssFeed()), name="feed_symposia_rss"),
    path("feeds/symposia/atom/", public_page(feeds.SymposiaAtomFeed()), name="feed_symposia_atom"),
]
