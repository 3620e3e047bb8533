import { Card } from 'nhsuk-react-components';
import { Link } from 'react-router-dom';

export type LinkCard = { to: string; title: string; text: string };

/** A page's ways onward: one clickable card each, two to a row. */
export function LinkCards({ cards }: { cards: readonly LinkCard[] }) {
  return (
    <Card.Group>
      {cards.map((c) => (
        <Card.GroupItem width="one-half" key={c.to}>
          <Card clickable>
            <Card.Heading headingLevel="h2" size="m">
              <Card.Link asElement={Link} to={c.to}>
                {c.title}
              </Card.Link>
            </Card.Heading>
            <Card.Description>{c.text}</Card.Description>
          </Card>
        </Card.GroupItem>
      ))}
    </Card.Group>
  );
}
