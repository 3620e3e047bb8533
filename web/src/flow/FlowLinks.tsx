import { Card } from 'nhsuk-react-components';
import { Link } from 'react-router-dom';

/** Hospital flow on the home page: the board for those who work it, the measures for everyone who reads them. */
export function FlowLinks({ board }: { board: boolean }) {
  return (
    <Card.Group>
      {board ? (
        <Card.GroupItem width="one-half">
          <Card clickable>
            <Card.Heading headingLevel="h2" size="m">
              <Card.Link asElement={Link} to="/flow/board">
                Discharge board
              </Card.Link>
            </Card.Heading>
            <Card.Description>People ready to leave hospital, what they wait for and who owns it.</Card.Description>
          </Card>
        </Card.GroupItem>
      ) : null}
      <Card.GroupItem width="one-half">
        <Card clickable>
          <Card.Heading headingLevel="h2" size="m">
            <Card.Link asElement={Link} to="/flow/measures">
              Hospital flow measures
            </Card.Link>
          </Card.Heading>
          <Card.Description>Beds, emergency use by older people, delays and their attribution, by month and zone.</Card.Description>
        </Card>
      </Card.GroupItem>
    </Card.Group>
  );
}
