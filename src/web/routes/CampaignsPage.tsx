import { Route, Routes } from 'react-router-dom';
import { CampaignList, CampaignView } from '../components/campaigns/CampaignViews';
import { FollowUpList } from '../components/campaigns/FollowUps';
import { NewCampaign } from '../components/campaigns/NewCampaign';

/**
 * Pengendalian dan pengamanan (issue 13): the office's campaigns at /campaigns (an institution there sees the
 * follow-ups it owes), a new one at /campaigns/new, the follow-ups at /campaigns/follow-ups, one at /campaigns/:id.
 */
export function CampaignsPage() {
  return (
    <Routes>
      <Route index element={<CampaignList />} />
      <Route path="new" element={<NewCampaign />} />
      <Route path="follow-ups" element={<FollowUpList />} />
      <Route path=":id" element={<CampaignView />} />
    </Routes>
  );
}
