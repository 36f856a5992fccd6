package dev.rehearsal.api.console.run;

import dev.rehearsal.api.rehearsals.RehearsalService;
import dev.rehearsal.api.security.RehearsalUser;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A run's page, and its live part alone, for one reader: what the run shows ({@link RunViews}) and what the reader may
 * do on it ({@link WhatTheReaderMayDo}). A page answering a refused form keeps what the reader typed ({@code draft}).
 */
@Component
class RunPageRenderer {
  static final String PAGE = "console/run";
  static final String LIVE = "console/run-live :: live";

  private final RehearsalService rehearsals;
  private final RunViews views;
  private final WhatTheReaderMayDo offers;

  RunPageRenderer(RehearsalService rehearsals, RunViews views, WhatTheReaderMayDo offers) {
    this.rehearsals = rehearsals;
    this.views = views;
    this.offers = offers;
  }

  ModelAndView page(String id, RehearsalUser user, Notice notice, FormDraft draft, HttpStatus status) {
    RehearsalState state = rehearsals.state(id);
    RunOffers offered = offers.offers(state, user);
    ModelAndView page = new ModelAndView(PAGE, status);
    page.addObject("run", views.of(state, user));
    page.addObject("offers", offered);
    if (notice != null) {
      // Absent, a notice flashed by the form that redirected here stays in the model.
      page.addObject("notice", notice);
    }
    page.addObject("draft", draft == null ? FormDraft.EMPTY : draft);
    page.addObject("liveUrl", UriComponentsBuilder.fromPath("/runs/{id}/live").queryParam("shown", offered.key())
        .buildAndExpand(id).encode().toUriString());
    page.addObject("offersChanged", false);
    return page;
  }

  /** The live part; {@code shown} is what the page offered when it was loaded, to tell the reader when that changed. */
  ModelAndView live(String id, RehearsalUser user, String shown) {
    RehearsalState state = rehearsals.state(id);
    ModelAndView live = new ModelAndView(LIVE);
    live.addObject("run", views.of(state, user));
    live.addObject("offersChanged", !offers.offers(state, user).key().equals(shown == null ? "" : shown));
    return live;
  }
}
